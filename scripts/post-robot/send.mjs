// Replaces post-robot's drivers/send/index.js at build time (see scripts/rollup-post-robot.mjs).
// post-robot queues the messages sent to one window in the same tick and posts them together.
// Its own version serializes the queue when it flushes, so one message that is not JSON data
// fails every message of that tick, and the failed flush is never cleared: every later send to
// that window failed too. Here a message is checked when it is sent and refused alone, and the
// queue is taken before it is posted, so a failure never outlives its own flush.
import { ZalgoPromise } from 'zalgo-promise/src';
import { isWindowClosed } from 'cross-domain-utils/src';
import { getGlobalKey, windowStore } from 'post-robot/src/global.js';
import { SEND_MESSAGE_STRATEGIES } from 'post-robot/src/drivers/send/strategies.js';
import { serializeMessage } from './json.mjs';

const pack = (messages) => ({ [getGlobalKey()]: messages });

/** post-robot's `sendMessage`: queues `message` for `win` and posts the tick's queue as one JSON string. */
export function sendMessage(win, domain, message) {
  return ZalgoPromise.try(() => {
    // Throws NON_JSON_MESSAGE for this send only: the message never joins the queue.
    serializeMessage(win, domain, pack([message]));
    const queue = windowStore().getOrSet(win, () => ({}));
    (queue.buffer ??= []).push(message);
    queue.flush ??= ZalgoPromise.flush().then(() => {
      const messages = queue.buffer ?? [];
      delete queue.buffer;
      delete queue.flush;
      if (isWindowClosed(win)) throw new Error('Window is closed');
      const serialized = serializeMessage(win, domain, pack(messages));
      const errors = [];
      for (const post of Object.values(SEND_MESSAGE_STRATEGIES)) {
        try {
          post(win, serialized, domain);
        } catch (err) {
          errors.push(err);
        }
      }
      if (errors.length && errors.length === Object.keys(SEND_MESSAGE_STRATEGIES).length) {
        throw new Error(`All post-robot messaging strategies failed: ${errors.map(String).join('; ')}`);
      }
    });
    return queue.flush;
  }).then(() => undefined);
}
