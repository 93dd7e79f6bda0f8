// Builds post-robot from the source its npm package ships, instead of its prebuilt UMD bundle:
// Flow types stripped, compile-time flags set (no IE popup bridge, no same-domain global
// messaging, no debug logging), and a private global key. The key is also post-robot's wire key,
// so this copy never answers, or is answered by, another post-robot a merchant page may carry.
// SDK and frame are built with the same plugin, so both ends speak the same build.
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import flowRemoveTypes from 'flow-remove-types';

const require = createRequire(import.meta.url);
const { version } = require('post-robot/package.json');
const PACKAGES = [
  'post-robot',
  'belter',
  'cross-domain-utils',
  'cross-domain-safe-weakmap',
  'universal-serialize',
  'zalgo-promise',
];
const roots = PACKAGES.map((name) => `${dirname(require.resolve(`${name}/package.json`))}${sep}src${sep}`);
const postRobotRoot = roots[0];

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

/** The rollup plugin: resolves `post-robot` to its source and compiles that source. */
export function postRobotFromSource() {
  return {
    name: 'post-robot-from-source',
    async resolveId(source, importer, options) {
      if (source !== 'post-robot') return null;
      return this.resolve('post-robot/src/index.js', importer, { ...options, skipSelf: true });
    },
    transform(code, id) {
      if (!roots.some((root) => id.startsWith(root))) return null;
      const js = flowRemoveTypes(code, { all: true })
        .toString()
        .replace(FLAG_PATTERN, (flag) => FLAGS[flag]);
      // The helper libraries are pure: let rollup drop what post-robot does not call.
      return { code: js, map: null, moduleSideEffects: id.startsWith(postRobotRoot) };
    },
  };
}
