// Replaces post-robot's serialize/window.js at build time (see scripts/rollup-post-robot.mjs).
// No window crosses in a message (json.mjs refuses one), so a ProxyWindow never exists: every
// window post-robot is given is the real one.

/** The two calls post-robot's `send` and `on` make on ProxyWindow, for real windows only. */
export const ProxyWindow = {
  isProxyWindow: () => false,
  // `send` chains on `awaitWindow()`: a thenable that calls its callback at once, as post-robot's
  // already-resolved ZalgoPromise did, and returns what the callback returns (post-robot's own
  // ZalgoPromise), so `send` keeps its synchronous timing.
  toProxyWindow: (win) => ({ awaitWindow: () => ({ then: (next) => next(win) }) }),
};
