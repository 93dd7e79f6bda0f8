// Replaces cross-domain-safe-weakmap at build time (see scripts/rollup-post-robot.mjs). Its
// fallbacks are for browsers whose WeakMap refused cross-origin or frozen windows as keys (old IE
// and Edge); every browser the SDK supports takes any window as a WeakMap key.

/** The native WeakMap with the one method post-robot and belter add to it. */
export class WeakMap extends globalThis.WeakMap {
  /** The value of `key`, first set to `getter()` when there is none. */
  getOrSet(key, getter) {
    if (!this.has(key)) this.set(key, getter());
    return this.get(key);
  }
}
