// @vitest-environment happy-dom
/* global window, location */
// The built files carry only the trimmed post-robot (scripts/rollup-post-robot.mjs), and that
// post-robot refuses, on both ends, a message that is not JSON data.
import { rollup } from 'rollup';
import { beforeAll, describe, expect, it } from 'vitest';
import resolve from '@rollup/plugin-node-resolve';
import { postRobotFromSource } from './rollup-post-robot.mjs';
import builds from '../rollup.config.mjs';

// Strings only the removed machinery carries: universal-serialize's special types and its value
// key, cross-domain-safe-weakmap's property key, cross-domain-utils' test hooks, post-robot's
// regex listener store, and belter's base64 id encoding.
const REMOVED = [
  'cross_domain_function',
  'cross_domain_zalgo_promise',
  'cross_domain_window',
  '__val__',
  '__weakmap_',
  'mockDomain',
  'mockclosed',
  '__domain_regex__',
  'btoa',
];
const KEY = '__cards_session_post_robot_10_0_46__';

/** A build of rollup.config.mjs, generated in memory, minified as shipped. */
async function generate(input) {
  const build = builds.find((b) => b.input === input);
  // The loader's SRI hook reads the lazy files from dist; bytes are not what is checked here.
  const plugins = build.plugins.filter((p) => !['lazy-integrity', 'track-output', 'remove-stale'].includes(p.name));
  const bundle = await rollup({ ...build, plugins });
  const { output } = await bundle.generate({ ...build.output, file: undefined });
  await bundle.close();
  return output[0].code;
}

/** Dispatches a fire-and-forget post-robot request `name` from this window and origin. */
function post(name, data) {
  window.dispatchEvent(
    new MessageEvent('message', {
      source: window,
      origin: location.origin,
      data: JSON.stringify({
        [KEY]: [
          {
            id: String(Math.random()),
            origin: location.origin,
            type: 'postrobot_message_request',
            name,
            hash: `${name}_${Math.random()}`,
            data,
            fireAndForget: true,
          },
        ],
      }),
    }),
  );
}

describe.each(['packages/sdk/src/global.ts', 'packages/frame/src/main.ts'])('the built %s', (input) => {
  let code = '';
  beforeAll(async () => {
    code = await generate(input);
  }, 300_000);

  it.each(REMOVED)('has none of the removed machinery (%s)', (marker) => {
    expect(code).not.toContain(marker);
  });

  it("carries this build's post-robot: its private key and the JSON-only refusal", () => {
    expect(code).toContain(KEY);
    expect(code).toContain('NON_JSON_MESSAGE');
  });
});

describe('the trimmed post-robot', () => {
  /** @type {{ on: Function, send: Function }} */
  let postRobot;
  beforeAll(async () => {
    const bundle = await rollup({ input: 'post-robot', plugins: [postRobotFromSource(), resolve({ browser: true })] });
    const { output } = await bundle.generate({ format: 'iife', name: 'postRobot' });
    await bundle.close();
    postRobot = new Function(`${output[0].code}; return postRobot;`)();
  }, 300_000);

  it('exports on and send only', () => {
    expect(Object.keys(postRobot).sort()).toEqual(['on', 'send']);
  });

  it('refuses to send a function, naming where it was', async () => {
    const sent = postRobot.send(window, 'x', { channel: 'c', done: () => undefined }, { domain: location.origin });
    await expect(sent).rejects.toThrow(/refused a function at message\.\S+\.data\.done/);
  });

  // scripts/post-robot/send.mjs: a refused message is refused alone; the window's queue goes on.
  it('after a refused message, sends to that window still go out', async () => {
    const sent = [];
    const target = { closed: false, parent: {}, top: {}, postMessage: (data) => void sent.push(JSON.parse(data)[KEY]) };
    const options = { domain: location.origin, fireAndForget: true };
    await expect(postRobot.send(target, 'bad', { f: () => undefined }, options)).rejects.toThrow(/refused a function/);
    await expect(postRobot.send(target, 'good', { n: 1 }, options)).resolves.toBeUndefined();
    expect(sent.flat().map(({ name, data }) => [name, data])).toEqual([['good', { n: 1 }]]);
  });

  it('a refused message does not take the messages of the same tick with it', async () => {
    const sent = [];
    const target = { closed: false, parent: {}, top: {}, postMessage: (data) => void sent.push(JSON.parse(data)[KEY]) };
    const options = { domain: location.origin, fireAndForget: true };
    const results = await Promise.allSettled([
      postRobot.send(target, 'before', { n: 1 }, options),
      postRobot.send(target, 'bad', { when: new Date(0) }, options),
      postRobot.send(target, 'after', { n: 2 }, options),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sent.flat().map(({ name }) => name)).toEqual(['before', 'after']);
  });

  it('drops a received message that carries a serialized function, and delivers a plain one', async () => {
    const seen = [];
    const listener = postRobot.on('y', { window, domain: location.origin }, ({ data }) => void seen.push(data));
    post('y', { done: { __type__: 'cross_domain_function', __val__: { id: 'f', name: 'done' } } });
    post('y', { plain: 1 });
    await new Promise((r) => setTimeout(r, 20));
    listener.cancel();
    expect(seen).toEqual([{ plain: 1 }]);
  });
  // scripts/post-robot/domain.mjs: cross-domain-utils' checks, for a real window and an origin.
  it.each([
    ['closed', { closed: true, parent: {}, top: {} }],
    ['detached (no parent)', { closed: false, parent: null, top: {} }],
    ['detached (no top)', { closed: false, parent: {}, top: null }],
    [
      'unreadable',
      Object.defineProperty({}, 'closed', {
        get() {
          throw new Error('denied');
        },
      }),
    ],
  ])('refuses to send to a %s window', async (_, win) => {
    await expect(postRobot.send(win, 'x', {}, { domain: location.origin })).rejects.toThrow(/Target window is closed/);
  });

  it('counts a window whose parent cannot be read as open', async () => {
    const win = Object.defineProperty({ closed: false, postMessage() {} }, 'parent', {
      get() {
        throw new Error('denied');
      },
    });
    await expect(
      postRobot.send(win, 'x', {}, { domain: location.origin, fireAndForget: true }),
    ).resolves.toBeUndefined();
  });

  it('delivers to the listener of the exact origin or of any, not to another origin', async () => {
    const seen = [];
    const listen = (name, domain) => postRobot.on(name, { window, domain }, () => void seen.push(name));
    const listeners = [listen('exact', location.origin), listen('any', '*'), listen('other', 'https://other.example')];
    for (const name of ['exact', 'any', 'other']) post(name, {});
    await new Promise((r) => setTimeout(r, 20));
    for (const listener of listeners) listener.cancel();
    expect(seen.sort()).toEqual(['any', 'exact']);
  });
  // scripts/post-robot/listeners.mjs: one window (or any) and one origin string (or any).
  it.each([
    ['a regex domain', { window, domain: /.*/ }],
    ['a domain array', { window, domain: [location.origin] }],
    ['a window array', { window: [window], domain: location.origin }],
  ])('refuses a listener for %s', (_, options) => {
    expect(() => postRobot.on('z', options, () => undefined)).toThrow(TypeError);
  });

  it('refuses a second listener for the same name, window and origin until the first is cancelled', () => {
    const options = { window, domain: location.origin };
    const first = postRobot.on('twice', options, () => undefined);
    expect(() => postRobot.on('twice', options, () => undefined)).toThrow(
      `Request listener already exists for twice on domain ${location.origin} for specified window`,
    );
    first.cancel();
    postRobot.on('twice', options, () => undefined).cancel();
  });

  it('delivers to a listener for any window, and to none once cancelled', async () => {
    const seen = [];
    const listener = postRobot.on('anywhere', { domain: location.origin }, ({ data }) => void seen.push(data));
    post('anywhere', { n: 1 });
    await new Promise((r) => setTimeout(r, 20));
    listener.cancel();
    post('anywhere', { n: 2 });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([{ n: 1 }]);
  });
  // scripts/post-robot/util.mjs: ids from the Web Crypto API.
  it('gives each message and request its own random id', async () => {
    const sent = [];
    const target = { closed: false, parent: {}, top: {}, postMessage: (data) => void sent.push(JSON.parse(data)[KEY]) };
    await postRobot.send(target, 'a', {}, { domain: location.origin, fireAndForget: true });
    await postRobot.send(target, 'b', {}, { domain: location.origin, fireAndForget: true });
    const messages = sent.flat();
    const ids = messages.flatMap(({ id, hash }) => [id, hash.replace(/^[ab]_/, '')]);
    expect(messages.map(({ name }) => name)).toEqual(['a', 'b']);
    for (const id of ids) expect(id).toMatch(/^uid_[0-9a-z]{1,7}_[0-9a-z]{1,7}_[0-9a-z]{1,7}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
