// For the script tag only: post-robot, bundled on its own, sits in the loader inside a function
// that first runs on the first `on` or `send`, which `mount()` makes right after it has put the
// frame in the page. Until then the engine only pre-parses that code: the loader evaluates in a
// fraction of the time, and the frame request leaves before post-robot is compiled and set up.
// Being evaluated in the same task as the frame's insertion, post-robot still listens before the
// frame can say hello or ready: no handshake is lost.
import resolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { postRobotFromSource } from './rollup-post-robot.mjs';

const ID = '\0lazy-post-robot';
const ENTRY = '\0lazy-post-robot-entry';
const NAME = '__cs_post_robot';

/** Bundles the part of post-robot the SDK calls (`on`, `send`) as an IIFE that sets `NAME`. */
async function bundlePostRobot() {
  const entry = {
    name: 'lazy-post-robot-entry',
    resolveId: (source) => (source === ENTRY ? ENTRY : null),
    load: (id) => (id === ENTRY ? "export { on, send } from 'post-robot';" : null),
  };
  const bundle = await rollup({ input: ENTRY, plugins: [entry, postRobotFromSource(), resolve({ browser: true })] });
  const { output } = await bundle.generate({ format: 'iife', name: NAME });
  await bundle.close();
  return output[0].code;
}

/** The rollup plugin: `post-robot` becomes `on` and `send` that evaluate post-robot on first call. */
export function lazyPostRobot() {
  let code;
  return {
    name: 'lazy-post-robot',
    resolveId: (source) => (source === 'post-robot' ? ID : null),
    async load(id) {
      if (id !== ID) return null;
      code ??= await bundlePostRobot();
      return `let api;
const get = () => (api ??= (function () {
${code}
return ${NAME};
})());
export const on = (...args) => get().on(...args);
export const send = (...args) => get().send(...args);
`;
    },
  };
}
