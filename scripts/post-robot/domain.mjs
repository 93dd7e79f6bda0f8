/* global window */
// Replaces cross-domain-utils' utils.js at build time (see scripts/rollup-post-robot.mjs). The
// SDK and the frame give post-robot a real window and an exact origin string (post-robot's own
// hello listener uses '*'), never a regex or an array, and never set the test hooks
// (`mockDomain`, `mockclosed`) or the IE orphaned-frame registry. These versions keep what those
// calls do and drop the rest; a domain pattern that is not a string is refused, not matched.
// Every other name is cross-domain-utils' own (a local export wins over `export *`).
import { getActualDomain, getAncestor } from 'cross-domain-utils/src/utils.js';

export * from 'cross-domain-utils/src/utils.js';

/** The origin of `win` (its parent's for about:blank), without the `mockDomain` test override. */
export function getDomain(win = window) {
  return getActualDomain(win);
}

/** Whether `pattern` ('*' or an exact origin) matches the origin string `origin`. */
export function matchDomain(pattern, origin) {
  if (typeof pattern !== 'string') throw new TypeError('cards-session post-robot: a domain is an origin string');
  return typeof origin === 'string' && (pattern === '*' || origin === pattern);
}

/** The origin string `pattern`, as it goes in an error message. */
export function stringifyDomainPattern(pattern) {
  return String(pattern);
}

/**
 * Whether `win` is gone: missing, `closed`, unreadable, or a frame window detached from a page
 * (no `parent` or `top`, as mobile Safari leaves it). Own window: never.
 */
export function isWindowClosed(win) {
  if (win === window) return false;
  try {
    if (!win || win.closed) return true;
  } catch {
    return true;
  }
  try {
    if (!win.parent || !win.top) return true;
  } catch {
    // A cross-origin window that throws here is still open.
  }
  return false;
}

/**
 * Whether `parent` is `child`'s opener or parent frame. A window with neither is a top window,
 * nobody's child, so the frame-tree search cross-domain-utils falls back to is not needed.
 */
export function isAncestor(parent, child) {
  const ancestor = getAncestor(child);
  return Boolean(ancestor) && ancestor === parent;
}
