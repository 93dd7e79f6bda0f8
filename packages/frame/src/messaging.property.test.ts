import { MessageName, isOrigin, type FrameBoundName } from '@cards-session/protocol';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { linkParent, type Answer } from './messaging';

// Security invariants 2, 3 and 4 on the frame side: post-robot is replaced by a fake that keeps
// what `linkParent` registers, so each listener can be played any event at all.
type Event = { origin: unknown; source: unknown; data: unknown };
type Options = { window: unknown; domain: unknown };
const robot = vi.hoisted(() => ({
  on: [] as { name: string; options: Options; handler: (event: Event) => unknown }[],
  send: [] as { win: unknown; name: string; data: unknown; domain: unknown; fireAndForget: unknown }[],
}));
vi.mock('post-robot', () => ({
  on(name: string, options: Options, handler: (event: Event) => unknown) {
    robot.on.push({ name, options, handler });
    return { cancel: () => undefined };
  },
  send(win: unknown, name: string, data: unknown, options: { domain: unknown; fireAndForget?: unknown }) {
    robot.send.push({ win, name, data, domain: options.domain, fireAndForget: options.fireAndForget });
    return Promise.resolve();
  },
}));

/** The merchant origin the gateway bound to the session (invariant 3): the only one trusted. */
const BOUND = 'https://shop.example';
const CHANNEL = 'Chan_nel-0123456789abcdefABCDEF';
const BODY: Record<FrameBoundName, Record<string, unknown>> = {
  [MessageName.Submit]: {},
  [MessageName.Update]: { options: { placeholder: '123', style: { base: { color: 'red' } } } },
  [MessageName.FocusInput]: {},
  [MessageName.BlurInput]: {},
  [MessageName.ClearInput]: {},
};
const NAMES = Object.keys(BODY) as FrameBoundName[];
const HOSTILE_ORIGINS = [
  ...['https://shop.example.evil', 'https://shop.example:444', 'http://shop.example', 'https://SHOP.example', 'null'],
  ...['', 'https://shop.example/', 'https://shop.example.', 'https://shop.example:443', '*', 'https://gw.example'],
  ...['https://xshop.example', 'https://shop.exampl', 'https://evil.example', 'https://shop.example@evil.example'],
];
const UNSAFE_OPTIONS = [
  { style: { base: { color: 'url(https://evil.example/x)' } } },
  { style: { base: { backgroundImage: 'none' } } },
  { style: { hover: { color: 'red' } } },
  { placeholder: 'x'.repeat(201) },
  { disabled: 'yes' },
  { cvn: '123' },
];

// Real, distinct windows for the parent and a stranger: happy-dom loads frames as blank pages.
type Settings = { enableIframePageLoading: boolean; fetch: { interceptor: unknown } };
const settings = (window as unknown as { happyDOM: { settings: Settings } }).happyDOM.settings;
settings.enableIframePageLoading = true;
settings.fetch.interceptor = { beforeAsyncRequest: async () => new Response('<!doctype html><title>x</title>') };
const blankWindow = () => document.body.appendChild(document.createElement('iframe')).contentWindow as Window;
const calls: [FrameBoundName, unknown][] = [];
const ANSWER = { ok: false, error: { code: 'INCOMPLETE_CVN', message: 'x' } };
const handler = vi.fn((name: FrameBoundName, payload: unknown) => calls.push([name, payload]) && ANSWER);
let parent: Window;
let other: Window;

beforeAll(() => {
  parent = blankWindow();
  other = blankWindow();
  const link = linkParent(parent, BOUND, CHANNEL);
  // Whatever a handler returns is the reply: the link passes it through as it is.
  for (const name of NAMES) link.on(name, (payload) => handler(name, payload) as Answer<typeof name>);
  link.send(MessageName.Focus, {});
});

const mutatedOrigin = fc
  .tuple(fc.nat(BOUND.length - 1), fc.constantFrom('upper', 'drop', 'add'), fc.string({ minLength: 1, maxLength: 2 }))
  .map(([i, how, s]) => {
    const [head, char, tail] = [BOUND.slice(0, i), BOUND[i] as string, BOUND.slice(i + 1)];
    return head + (how === 'upper' ? char.toUpperCase() : how === 'drop' ? '' : char + s) + tail;
  });
const origin = fc.oneof(fc.constant(BOUND), fc.constantFrom(...HOSTILE_ORIGINS), mutatedOrigin, fc.string());
const SOURCES: Record<string, () => unknown> = {
  parent: () => parent,
  self: () => window,
  other: () => other,
  top: () => window.top,
  null: () => null,
  undefined: () => undefined,
  object: () => ({}),
  lookalike: () => ({ self: parent, window: parent, postMessage: () => undefined, origin: BOUND }),
};
const source = fc.oneof(fc.constant('parent'), fc.constantFrom(...Object.keys(SOURCES)));
const channel = fc.oneof(
  fc.constantFrom(CHANNEL, CHANNEL.toLowerCase(), `${CHANNEL}x`, CHANNEL.slice(1), ''),
  fc.string({ unit: fc.constantFrom(...'ACEhnl_-0189'), minLength: 16, maxLength: 64 }),
  fc.anything({ maxDepth: 1 }),
);
type Data = (name: FrameBoundName, channel: unknown) => { ok: boolean; data: unknown };
const bad =
  (make: (body: Record<string, unknown>, channel: unknown) => unknown): Data =>
  (name, channel) => ({ ok: false, data: make(BODY[name], channel) });
const extraKey = fc.oneof(
  fc.constantFrom('cvn', '__proto__', 'constructor', 'toString', 'then').map((k) => JSON.parse(`{"${k}":"1"}`)),
  fc.dictionary(
    fc.string().map((k) => `x-${k}`),
    fc.jsonValue(),
    { minKeys: 1 },
  ),
);
/** What a page might send: the well-formed command, or that command broken in one of many ways. */
const data = fc.oneof(
  fc.constant<Data>((name, channel) => ({ ok: true, data: { ...BODY[name], channel } })),
  extraKey.map((extra: object) => bad((body, channel) => ({ ...body, channel, ...extra }))),
  fc.constantFrom(...UNSAFE_OPTIONS).map((options) => bad((_, channel) => ({ channel, options }))),
  fc.constantFrom(
    bad((body) => body),
    bad((body, channel) => [{ ...body, channel }]),
    bad((body, channel) => JSON.stringify({ ...body, channel })),
    bad((body, channel) => Object.assign(Object.create(null) as object, body, { channel })),
    bad((body, channel) => Object.defineProperty({ ...body }, 'channel', { get: () => channel, enumerable: true })),
    bad((body, channel) => ({ ...body, channel, padding: 'x'.repeat(20_000) })),
  ),
  fc.oneof(fc.anything({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })).map((d) => bad(() => d)),
);
const event = fc
  .record({ name: fc.constantFrom(...NAMES), origin, source, channel, data })
  .map(({ data, ...e }) => ({ ...e, ...data(e.name, e.channel) }));
const right = (e: { origin: unknown; source: string; channel: unknown; ok: boolean }) =>
  e.origin === BOUND && e.source === 'parent' && e.channel === CHANNEL && e.ok;
const play = (e: { name: string; origin: unknown; source: string; data: unknown }) =>
  robot.on
    .find((l) => l.name === e.name)
    ?.handler({ origin: e.origin, source: (SOURCES[e.source] as () => unknown)(), data: e.data });

describe('linkParent, frame side', () => {
  it('listens and sends with the parent window and the bound origin string only (invariants 2, 3)', () => {
    expect(robot.on.map((l) => l.name)).toEqual(NAMES);
    for (const { options } of robot.on) {
      expect(options.window).toBe(parent);
      expect(typeof options.domain).toBe('string');
      expect(options.domain).toBe(BOUND);
      expect(isOrigin(options.domain)).toBe(true);
    }
    // An event asks for no ack and no answer: the page sends nothing back.
    expect(robot.send).toEqual([
      { win: parent, name: MessageName.Focus, data: { channel: CHANNEL }, domain: BOUND, fireAndForget: true },
    ]);
  });

  it('drops 100,000 hostile commands without throwing, answering or calling the handler', () => {
    const hostile = fc.property(
      event.filter((e) => !right(e)),
      (e) => play(e) === undefined && calls.length === 0,
    );
    fc.assert(hostile, { numRuns: 100_000 });
    expect(handler).not.toHaveBeenCalled();
  }, 60_000);

  it('acts on exactly the well-formed commands from the parent window, bound origin and channel', () => {
    const exact = fc.property(event, (e) => {
      calls.length = 0;
      const answer = play(e);
      if (!right(e)) return answer === undefined && calls.length === 0;
      return answer === ANSWER && calls.length === 1 && calls[0]?.[1] === e.data;
    });
    fc.assert(exact, { numRuns: 20_000 });
    for (const name of NAMES) {
      calls.length = 0;
      const payload = { ...BODY[name], channel: CHANNEL };
      expect(play({ name, origin: BOUND, source: 'parent', data: payload })).toBe(ANSWER);
      expect(calls).toEqual([[name, payload]]);
    }
  }, 60_000);
});
