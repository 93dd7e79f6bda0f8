// The post-robot this project ships, in place of post-robot's index.js and setup.js: `on` and
// `send`, set up once per window (the message listener and the hello handshake that `send` to a
// child frame waits for). No bridge, no popup support, no global receiver for other instances.
import { listenForMessages } from 'post-robot/src/drivers/index.js';
import { getGlobal } from 'post-robot/src/global.js';
import { initHello } from 'post-robot/src/lib/index.js';
import { on, send } from 'post-robot/src/public/index.js';

const global = getGlobal();
if (!global.initialized) {
  global.initialized = true;
  listenForMessages({ on, send });
  initHello({ on, send });
}

export { on, send };
