// Replaces post-robot's drivers/listeners.js at build time (see scripts/rollup-post-robot.mjs).
// Each `on` of the SDK and the frame listens to one real window for one exact origin string
// (post-robot's hello listens to any window, '*'): no window arrays, no domain arrays or
// regexes, so those branches and the regex listener store go. A listener for anything else is
// refused. The response listeners are post-robot's own (a local export wins over `export *`).
import { getOrSet } from 'belter/src';
import { getWildcard, windowStore } from 'post-robot/src/global.js';

export * from 'post-robot/src/drivers/listeners.js';

const WILDCARD = '*';

/** The request listener for `name` from `win` at origin `domain`: the exact origin's, else '*''s. */
export function getRequestListener({ name, win, domain }) {
  if (!name) throw new Error('Name required to get request listener');
  const requestListeners = windowStore('requestListeners');
  for (const qualifier of [win === WILDCARD ? null : win, getWildcard()]) {
    const domainListeners = qualifier && requestListeners.get(qualifier)?.[name];
    if (!domainListeners) continue;
    if (typeof domain === 'string' && domain !== WILDCARD && domainListeners[domain]) return domainListeners[domain];
    if (domainListeners[WILDCARD]) return domainListeners[WILDCARD];
  }
}

/** Adds `listener` for `name` from one window (or any) at one origin string (or '*'). */
export function addRequestListener({ name, win, domain }, listener) {
  if (!name || typeof name !== 'string') throw new Error('Name required to add request listener');
  if (Array.isArray(win) || (domain && typeof domain !== 'string')) {
    throw new TypeError(`Can not listen for ${name}: expected one window and an origin string`);
  }
  const existing = getRequestListener({ name, win, domain });
  const target = !win || win === WILDCARD ? getWildcard() : win;
  const origin = domain || WILDCARD;
  if (existing) {
    const which = target === getWildcard() ? 'wildcard' : 'specified';
    throw new Error(`Request listener already exists for ${name} on domain ${origin} for ${which} window`);
  }
  const requestListeners = windowStore('requestListeners');
  const nameListeners = requestListeners.getOrSet(target, () => ({}));
  const domainListeners = getOrSet(nameListeners, name, () => ({}));
  domainListeners[origin] = listener;
  return {
    cancel() {
      delete domainListeners[origin];
      if (!Object.keys(domainListeners).length) delete nameListeners[name];
      if (!Object.keys(nameListeners).length) requestListeners.del(target);
    },
  };
}
