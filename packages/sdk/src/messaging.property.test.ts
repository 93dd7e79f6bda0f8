import { MessageName, PROTOCOL_VERSION, isOrigin, type ParentBoundName } from '@cards-session/protocol';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { connectFrame, type FrameHandlers, type FrameLink } from './messaging';
import { serveBlankFrames } from './messaging.fake';

// Security invariants 2 and 4 on the page side: post-robot is replaced by a fake that keeps what
// `connectFrame` registers, so each listener can be played any event at all.
type Event = { origin: unknown; source: unknown; data: unknown };
type Options = { window: unknown; domain: unknown; fireAndForget?: unknown };
const robot = vi.hoisted(() => ({
  on: [] as { name: string; options: Options; handler: (event: Event) => unknown; cancel: () => void }[],
  send: [] as { win: unknown; name: string; data: unknown; options: Options }[],
  reply: null as Event | null,
  /** When set, the next send rejects with it, as post-robot does on a timeout. */
  failure: null as Error | null,
}));
vi.mock('post-robot', () => ({
  on(name: string, options: Options, handler: (event: Event) => unknown) {
    const cancel = vi.fn();
    robot.on.push({ name, options, handler, cancel });
    return { cancel };
  },
  send(win: unknown, name: string, data: unknown, options: Options) {
    robot.send.push({
      win,
      name,
      data,
      options: { window: win, domain: options.domain, fireAndForget: options.fireAndForget },
    });
    const failure = robot.failure;
    robot.failure = null;
    return failure ? Promise.reject(failure) : Promise.resolve(robot.reply);
  },
}));

const ORIGIN = 'https://gw.example';
const CHANNEL = 'Chan_nel-0123456789abcdefABCDEF';
const OLD_CHANNEL = 'old-channel-0123456789abcdef';
const BODY: Record<ParentBoundName, Record<string, unknown>> = {
  [MessageName.Ready]: { version: PROTOCOL_VERSION, brand: 'visa', locale: 'en', height: 44 },
  [MessageName.LoadError]: { version: PROTOCOL_VERSION, code: 'ORIGIN_NOT_ALLOWED', message: 'not allowed' },
  [MessageName.Change]: { state: { empty: false, complete: true, valid: true, brand: 'amex' } },
  [MessageName.Focus]: {},
  [MessageName.Blur]: {},
  [MessageName.Escape]: {},
  [MessageName.Resize]: { height: 60 },
  [MessageName.Help]: { open: true, text: 'The 3 digits on the back' },
};
const NAMES = Object.keys(BODY) as ParentBoundName[];
const HOSTILE_ORIGINS = [
  ...['https://gw.example.evil', 'https://gw.example:444', 'http://gw.example', 'https://GW.example', 'null', ''],
  ...['https://gw.example/', 'https://gw.example.', ' https://gw.example', 'https://gw.example:443', '*'],
  ...['https://xgw.example', 'https://gw.exampl', 'https://evil.example', 'https://gw.example@evil.example'],
];

serveBlankFrames();
const frameWindow = () => {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  return iframe.contentWindow as Window;
};
const calls: [ParentBoundName, unknown][] = [];
const handlers = Object.fromEntries(
  NAMES.map((name) => [name, vi.fn((payload: unknown) => calls.push([name, payload]))]),
) as unknown as FrameHandlers;
let win: Window;
let other: Window;
let link: FrameLink;

beforeAll(async () => {
  other = frameWindow();
  // A frame mounted before, now gone: what it said may be replayed at the new one.
  (await connectFrame(() => other, ORIGIN, OLD_CHANNEL, handlers)).close();
  link = await connectFrame(() => (win = frameWindow()), ORIGIN, CHANNEL, handlers);
});
const current = () => robot.on.slice(NAMES.length);

const mutatedOrigin = fc
  .tuple(fc.nat(ORIGIN.length - 1), fc.constantFrom('upper', 'drop', 'add'), fc.string({ minLength: 1, maxLength: 2 }))
  .map(([i, how, s]) => {
    const [head, char, tail] = [ORIGIN.slice(0, i), ORIGIN[i] as string, ORIGIN.slice(i + 1)];
    return head + (how === 'upper' ? char.toUpperCase() : how === 'drop' ? '' : char + s) + tail;
  });
const origin = fc.oneof(fc.constant(ORIGIN), fc.constantFrom(...HOSTILE_ORIGINS), mutatedOrigin, fc.string());
const SOURCES: Record<string, () => unknown> = {
  win: () => win,
  page: () => window,
  other: () => other,
  null: () => null,
  undefined: () => undefined,
  object: () => ({}),
  lookalike: () => ({ self: win, window: win, postMessage: () => undefined, origin: ORIGIN }),
  iframe: () => document.querySelector('iframe'),
  parent: () => window.parent,
};
const sourceOf = (s: string) => (SOURCES[s] as () => unknown)();
const source = fc.oneof(fc.constant('win'), fc.constantFrom(...Object.keys(SOURCES)));
const channel = fc.oneof(
  fc.constantFrom(CHANNEL, OLD_CHANNEL, CHANNEL.toLowerCase(), `${CHANNEL}x`, CHANNEL.slice(1), ''),
  fc.string({ unit: fc.constantFrom(...'ACEhnl_-0189'), minLength: 16, maxLength: 64 }),
  fc.anything({ maxDepth: 1 }),
);
const PADDING = 'x'.repeat(20_000);
const extraKey = fc.oneof(
  fc.constantFrom('cvn', '__proto__', 'constructor', 'toString', 'value').map((k) => JSON.parse(`{"${k}":"123"}`)),
  fc.dictionary(
    fc.string().map((k) => `x-${k}`),
    fc.jsonValue(),
    { minKeys: 1 },
  ),
);
type Data = (name: ParentBoundName, channel: unknown) => { ok: boolean; data: unknown };
const broken =
  (make: (body: Record<string, unknown>, channel: unknown) => unknown): Data =>
  (name, channel) => ({
    ok: false,
    data: make(BODY[name], channel),
  });
/** What a frame might send: the well-formed body, or that body broken in one of many ways. */
const data = fc.oneof(
  fc.constant<Data>((name, channel) => ({ ok: true, data: { ...BODY[name], channel } })),
  extraKey.map((extra: object) => broken((body, channel) => ({ ...body, channel, ...extra }))),
  fc.constantFrom(
    broken((body) => body),
    broken((body, channel) => [{ ...body, channel }]),
    broken((body, channel) => JSON.stringify({ ...body, channel })),
    broken((body, channel) => Object.assign(Object.create(null) as object, body, { channel })),
    broken((body, channel) => Object.defineProperty({ ...body }, 'channel', { get: () => channel, enumerable: true })),
    broken((body, channel) => ({ ...body, channel, padding: PADDING })),
  ),
  fc.oneof(fc.anything({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })).map((d) => broken(() => d)),
);
const event = fc
  .record({ name: fc.constantFrom(...NAMES), origin, source, channel, data })
  .map(({ data, ...e }) => ({ ...e, ...data(e.name, e.channel) }));
const right = (e: { origin: unknown; source: string; channel: unknown; ok: boolean }) =>
  e.origin === ORIGIN && e.source === 'win' && e.channel === CHANNEL && e.ok;

describe('connectFrame, page side', () => {
  it('listens to each name with the exact frame window and origin string (invariant 2)', () => {
    expect(robot.on.map((l) => l.name)).toEqual([...NAMES, ...NAMES]);
    for (const { options } of robot.on) {
      expect(typeof options.domain).toBe('string');
      expect(options.domain).toBe(ORIGIN);
      expect(isOrigin(options.domain)).toBe(true);
      const w = options.window as Window;
      expect(w === win || w === other).toBe(true);
      expect(w.self).toBe(w);
    }
    expect(current().every((l) => l.options.window === win)).toBe(true);
    expect(robot.on.slice(0, NAMES.length).every((l) => vi.mocked(l.cancel).mock.calls.length === 1)).toBe(true);
  });

  it('drops 100,000 hostile events without throwing, answering or calling the merchant handler', () => {
    const listeners = new Map(current().map((l) => [l.name, l.handler]));
    const hostile = fc.property(
      event.filter((e) => !right(e)),
      (e) => {
        const answer = listeners.get(e.name)?.({ origin: e.origin, source: sourceOf(e.source), data: e.data });
        return answer === undefined && calls.length === 0;
      },
    );
    fc.assert(hostile, { numRuns: 100_000 });
    for (const name of NAMES) expect(handlers[name]).not.toHaveBeenCalled();
  }, 60_000);

  it('delivers exactly the well-formed events from the frame window, origin and channel', () => {
    const listeners = new Map(current().map((l) => [l.name, l.handler]));
    const exact = fc.property(event, (e) => {
      calls.length = 0;
      const answer = listeners.get(e.name)?.({ origin: e.origin, source: sourceOf(e.source), data: e.data });
      const delivered = right(e) ? [[e.name, e.data]] : [];
      return answer === undefined && calls.length === delivered.length && calls[0]?.[1] === delivered[0]?.[1];
    });
    fc.assert(exact, { numRuns: 20_000 });
    for (const name of NAMES) {
      calls.length = 0;
      const payload = { ...BODY[name], channel: CHANNEL };
      expect(listeners.get(name)?.({ origin: ORIGIN, source: win, data: payload })).toBeUndefined();
      expect(calls).toEqual([[name, payload]]);
    }
  }, 60_000);

  it('takes a submit reply only from the frame window and origin, well-formed (100,000 replies)', async () => {
    const good = {
      ok: true,
      result: { payment_request_id: 'pr_1', action_url: 'https://a/', message: 'm', result_token: 't' },
    };
    const reply = fc.record({
      origin,
      source,
      data: fc.oneof(fc.constant(good), fc.constant({ ...good, cvn: '1' }), fc.constant([good]), fc.anything()),
    });
    await fc.assert(
      fc.asyncProperty(reply, async (r) => {
        robot.reply = { origin: r.origin, source: sourceOf(r.source), data: r.data };
        const ok = r.origin === ORIGIN && r.source === 'win' && r.data === good;
        const answer = await link.request(MessageName.Submit, {}, 50).catch((e: { code?: string }) => e.code);
        return ok ? answer === good : answer === 'INTERNAL_ERROR';
      }),
      { numRuns: 100_000 },
    );
    link.command(MessageName.ClearInput, {});
    expect(robot.send.every((s) => s.win === win && s.options.domain === ORIGIN)).toBe(true);
    // A request waits for its answer; a command asks for neither an ack nor an answer.
    expect(robot.send.filter((s) => s.name === MessageName.Submit).every((s) => !s.options.fireAndForget)).toBe(true);
    expect(robot.send.at(-1)?.options.fireAndForget).toBe(true);
    expect(robot.send.map((s) => s.data)).toContainEqual({ channel: CHANNEL });
  }, 60_000);

  it('re-binds to a new window of the same frame: the old one is no longer heard nor spoken to', async () => {
    const moved = await connectFrame(frameWindow, ORIGIN, CHANNEL, handlers);
    const before = robot.on.length;
    const first = moved.window;
    const next = frameWindow();
    moved.rebind(next);
    const old = robot.on.slice(before - NAMES.length, before);
    const fresh = robot.on.slice(before);
    expect(old.every((l) => vi.mocked(l.cancel).mock.calls.length === 1 && l.options.window === first)).toBe(true);
    expect(fresh.map((l) => l.name)).toEqual(NAMES);
    expect(fresh.every((l) => l.options.window === next && l.options.domain === ORIGIN)).toBe(true);
    calls.length = 0;
    const payload = { ...BODY[MessageName.Focus], channel: CHANNEL };
    expect(fresh[NAMES.indexOf(MessageName.Focus)]?.handler({ origin: ORIGIN, source: first, data: payload })).toBe(
      undefined,
    );
    expect(calls).toEqual([]);
    fresh[NAMES.indexOf(MessageName.Focus)]?.handler({ origin: ORIGIN, source: next, data: payload });
    expect(calls).toEqual([[MessageName.Focus, payload]]);
    moved.command(MessageName.ClearInput, {});
    expect(robot.send.at(-1)).toMatchObject({ win: next, options: { domain: ORIGIN } });
    moved.close();
    expect(fresh.every((l) => vi.mocked(l.cancel).mock.calls.length === 1)).toBe(true);
  });

  it('takes a focus answer only from the frame window and origin, well-formed (20,000 replies)', async () => {
    const reply = fc.record({
      origin,
      source,
      data: fc.oneof(
        fc.constantFrom({ focused: true }, { focused: false }, { focused: true, cvn: '1' }, { focused: 'true' }),
        fc.anything(),
      ),
    });
    await fc.assert(
      fc.asyncProperty(reply, async (r) => {
        robot.reply = { origin: r.origin, source: sourceOf(r.source), data: r.data };
        const data = r.data as { focused?: unknown } | null;
        const wellFormed =
          typeof data === 'object' &&
          data !== null &&
          Object.getPrototypeOf(data) === Object.prototype &&
          Object.keys(data).length === 1 &&
          typeof data.focused === 'boolean';
        const answer = await link.request(MessageName.FocusInput, {}, 50).catch((e: { code?: string }) => e.code);
        return r.origin === ORIGIN && r.source === 'win' && wellFormed
          ? answer === r.data
          : answer === 'INTERNAL_ERROR';
      }),
      { numRuns: 20_000 },
    );
  }, 60_000);

  it('rejects with NETWORK_ERROR when the frame does not answer', async () => {
    robot.failure = new Error('Response timed out after 50ms');
    await expect(link.request(MessageName.Submit, {}, 50)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    robot.reply = { origin: ORIGIN, source: win, data: { focused: true } };
    await expect(link.request(MessageName.FocusInput, {}, 50)).resolves.toEqual({ focused: true });
  });
});
