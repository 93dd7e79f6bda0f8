// Builds post-robot from the source its npm package ships, instead of its prebuilt UMD bundle:
// Flow types stripped, compile-time flags set (no IE popup bridge, no same-domain global
// messaging, no debug logging), and a private global key. The key is also post-robot's wire key,
// so this copy never answers, or is answered by, another post-robot a merchant page may carry.
// SDK and frame are built with the same plugin, so both ends speak the same build.
//
// Trimmed to what the two messaging modules use, each part swapped for a module of ours in
// scripts/post-robot/: the entry is `on` + `send` (no bridge, popup or tunnel code); messages are
// JSON only (no cross-window functions, promises or windows, no universal-serialize); a ProxyWindow
// never exists; the native WeakMap stands in for cross-domain-safe-weakmap; cross-domain-utils'
// window and domain checks, and post-robot's request listeners, are cut to what a real window and
// an exact origin string need; ids come from the Web Crypto API; a message that is not JSON is
// refused alone when it is sent, never failing the other messages queued for its window.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import flowRemoveTypes from 'flow-remove-types';

const require = createRequire(import.meta.url);
const { version } = require('post-robot/package.json');
const PACKAGES = ['post-robot', 'belter', 'cross-domain-utils', 'zalgo-promise'];
const roots = PACKAGES.map((name) => `${dirname(require.resolve(`${name}/package.json`))}${sep}src${sep}`);
const postRobotRoot = roots[0];
const domainUtilsRoot = roots[2];
const BELTER = roots[1];
const ours = (file) => join(dirname(fileURLToPath(import.meta.url)), 'post-robot', file);
const ENTRY = ours('post-robot.mjs');

/** post-robot's modules (by path under its src/) and packages replaced by ours, by what imports them. */
const REPLACED_FILES = {
  [join(postRobotRoot, 'serialize', 'index.js')]: ours('json.mjs'),
  [join(postRobotRoot, 'serialize', 'window.js')]: ours('window.mjs'),
  [join(postRobotRoot, 'drivers', 'listeners.js')]: ours('listeners.mjs'),
  [join(postRobotRoot, 'drivers', 'send', 'index.js')]: ours('send.mjs'),
  [join(domainUtilsRoot, 'utils.js')]: ours('domain.mjs'),
  [join(BELTER, 'util.js')]: ours('util.mjs'),
};
const REPLACED_PACKAGES = { 'cross-domain-safe-weakmap/src': ours('weakmap.mjs') };

/** The private global (and wire) key of this build. */
const POST_ROBOT_KEY = `__cards_session_post_robot_${version.replace(/\D+/g, '_')}__`;

const FLAGS = {
  '__POST_ROBOT__.__GLOBAL_KEY__': JSON.stringify(POST_ROBOT_KEY),
  '__POST_ROBOT__.__AUTO_SETUP__': 'true',
  '__POST_ROBOT__.__IE_POPUP_SUPPORT__': 'false',
  '__POST_ROBOT__.__GLOBAL_MESSAGE_SUPPORT__': 'false',
  '__POST_ROBOT__.__SCRIPT_NAMESPACE__': 'false',
  __DEBUG__: 'false',
  __TEST__: 'false',
};
const FLAG_PATTERN = new RegExp(
  Object.keys(FLAGS)
    .map((k) => `\\b${k.replace(/\./g, '\\.')}\\b`)
    .join('|'),
  'g',
);

// ZalgoPromise methods neither post-robot's `on` and `send` nor belter's used parts call: a class
// keeps every method, so they are cut from its source (each `    name(…) {` to its `    }`).
const ZALGO_PROMISE = join(roots[3], 'promise.js');
const ZALGO_UNUSED = [
  'asyncReject',
  'toPromise',
  'lazy',
  'hash',
  'map',
  'onPossiblyUnhandledException',
  'delay',
  'isPromise',
];
const ZALGO_METHOD = new RegExp(`\\n    (?:static )?(?:${ZALGO_UNUSED.join('|')}) *\\([^]*?\\n    }\\n`, 'g');
// asyncReject is both a method and a static one.
const ZALGO_CUTS = ZALGO_UNUSED.length + 1;

function cutZalgoPromise(js) {
  let cuts = 0;
  const out = js.replace(ZALGO_METHOD, () => (cuts++, '\n'));
  if (cuts !== ZALGO_CUTS) throw new Error(`zalgo-promise changed: cut ${cuts} methods, expected ${ZALGO_CUTS}`);
  return out;
}

// belter builds a few values at load time (memoized helpers, a script UID) that post-robot's
// `on` and `send` never read: calls without side effects, marked so for rollup to drop them.
const PURE_CALLS = /= (memoize|uniqueID)\(/g;

/** The rollup plugin: resolves `post-robot` to our entry over its source and compiles that source. */
export function postRobotFromSource() {
  return {
    name: 'post-robot-from-source',
    async resolveId(source, importer, options) {
      if (source === 'post-robot') return ENTRY;
      if (!importer || !(importer.startsWith(postRobotRoot) || roots.some((root) => importer.startsWith(root)))) {
        return null;
      }
      if (REPLACED_PACKAGES[source]) return REPLACED_PACKAGES[source];
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && REPLACED_FILES[resolved.id]) ?? resolved;
    },
    transform(code, id) {
      if (!roots.some((root) => id.startsWith(root))) return null;
      let js = flowRemoveTypes(code, { all: true })
        .toString()
        .replace(FLAG_PATTERN, (flag) => FLAGS[flag]);
      if (id.startsWith(BELTER)) js = js.replace(PURE_CALLS, '= /*#__PURE__*/ $1(');
      if (id === ZALGO_PROMISE) js = cutZalgoPromise(js);
      // Only our entry sets anything up; the rest is pure: let rollup drop what it does not call.
      return { code: js, map: null, moduleSideEffects: false };
    },
  };
}
