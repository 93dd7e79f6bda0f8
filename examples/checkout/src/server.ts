import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config';
import { gatewayClient } from './gateway-client';
import { resultTokenVerifier } from './result-token';
import { Shop } from './shop';
import { shopHandler } from './app';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const config = readConfig(process.env, join(root, '../spa/dist'));
const shop = new Shop(
  config,
  gatewayClient(config.gatewayOrigin, config.secretKey),
  resultTokenVerifier(config.gatewayOrigin),
);

createServer(shopHandler(shop, join(root, 'public'))).listen(config.port, config.host, () => {
  process.stdout.write(`Example checkout listening on ${config.origin} (gateway ${config.gatewayOrigin})\n`);
});
