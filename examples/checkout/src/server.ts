import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config';
import { createCardsSession } from '@cards-session/node';
import { gatewayClient } from './gateway-client';
import { Shop } from './shop';
import { shopHandler } from './app';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const config = readConfig(process.env, join(root, '../spa/dist'));
const cards = createCardsSession({ gateway: config.gatewayOrigin, secretKey: config.secretKey });
const shop = new Shop(config, gatewayClient(cards, config.gatewayOrigin, config.secretKey), cards.verifyResultToken);

const handler = shopHandler(shop, join(root, 'public'));

createServer(handler).listen(config.port, config.host, () => {
  process.stdout.write(`Example checkout listening on ${config.origin} (gateway ${config.gatewayOrigin})\n`);
});
