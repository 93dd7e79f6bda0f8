// Replaces belter's util.js at build time (see scripts/rollup-post-robot.mjs), overriding
// uniqueID: post-robot names its messages, requests and window instance with it, and only ever
// compares those names for equality. 96 random bits from the Web Crypto API (in every browser,
// secure context or not) replace belter's 40 Math.random bits plus a base64-encoded clock, so
// base64encode (btoa, or Node's Buffer) goes. Every other name is belter's own (a local export
// wins over `export *`).
export * from 'belter/src/util.js';

/** A fresh id, `uid_` and three base-36 random 32-bit numbers. */
export function uniqueID() {
  return `uid_${Array.from(crypto.getRandomValues(new Uint32Array(3)), (n) => n.toString(36)).join('_')}`;
}
