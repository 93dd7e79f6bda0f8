import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config';
import { createCardsSession } from '@cards-session/node';
import { gatewayClient } from './gateway-client';
import { Shop } from './shop';
import { shopHandler } from './app';
import { withStaticFiles } from './static-files';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const config = readConfig(process.env, join(root, '../spa/dist'));
const cards = createCardsSession({ gateway: config.gatewayOrigin, secretKey: config.secretKey });
const shop = new Shop(config, gatewayClient(cards, config.gatewayOrigin, config.secretKey), cards.verifyResultToken);

const publicDir = join(root, 'public');
// The static files go out compressed (brotli or gzip) before the shop's routes see the request.
// Vite puts a content hash in every name under the SPA's assets/: those never change.
const handler = withStaticFiles(
  [
    { prefix: '/app/assets/', dir: join(config.spaDir, 'assets'), cache: 'public, max-age=31536000, immutable' },
    { prefix: '/app/', dir: config.spaDir, cache: 'no-cache' },
    { prefix: '/', dir: publicDir, cache: 'no-cache' },
  ],
  shopHandler(shop, publicDir),
);

createServer(handler).listen(config.port, config.host, () => {
  process.stdout.write(`Example checkout listening on ${config.origin} (gateway ${config.gatewayOrigin})\n`);
});
