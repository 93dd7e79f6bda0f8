import { ErrorCode } from '@cards-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardsSessionError } from './errors';
import { lazyScript } from './script-loader';

const KEY = '__cards_session_test_part__';
const BASE = 'https://gw.example/assets/0.1.0/cards-session.min.js';
const registry = window as unknown as Record<string, unknown>;
const part = { file: 'part.min.js', integrity: 'sha384-abc', key: KEY, what: 'the test code' };

// happy-dom loads no scripts: the tags go to a detached holder, and each test plays the
// browser's answer (`load`, or `error` as for a failed fetch or a failed integrity check).
const holder = document.createElement('div');
const tags = () => Array.from(holder.querySelectorAll<HTMLScriptElement>('script'));
/** Plays the browser's answer to the last script tag the loader added. */
function settle(outcome: 'load' | 'error', register?: unknown): void {
  const tag = tags().at(-1);
  if (!tag) throw new Error('no script tag was added');
  if (register !== undefined) registry[KEY] = register;
  tag.dispatchEvent(new Event(outcome));
}
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof CardsSessionError ? error.code : String(error)),
  );

beforeEach(() => {
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => holder.append(...nodes));
});

afterEach(() => {
  delete registry[KEY];
  holder.replaceChildren();
  vi.restoreAllMocks();
});

describe('lazyScript', () => {
  it('adds one tag next to the loader, with its integrity and CORS, and resolves to what it registered', async () => {
    const load = lazyScript<{ answer: number }>(part, BASE);
    expect(tags()).toHaveLength(0);
    const first = load();
    const second = load();
    expect(tags()).toHaveLength(1);
    const [tag] = tags();
    expect(tag?.src).toBe('https://gw.example/assets/0.1.0/part.min.js');
    expect(tag?.integrity).toBe('sha384-abc');
    expect(tag?.crossOrigin).toBe('anonymous');
    settle('load', { answer: 42 });
    expect(await first).toEqual({ answer: 42 });
    expect(await second).toBe(await first);
    // Loaded once: later calls reuse it, no second tag.
    expect(await load()).toEqual({ answer: 42 });
    expect(tags()).toHaveLength(1);
  });

  it('a failed or tampered fetch rejects with NETWORK_ERROR, removes its tag, and the next call retries', async () => {
    const load = lazyScript<{ answer: number }>(part, BASE);
    const failed = load();
    settle('error');
    await expect(codeOf(failed)).resolves.toBe(ErrorCode.NETWORK_ERROR);
    await expect(failed).rejects.toThrow(/the test code could not be loaded \(part\.min\.js\)/);
    expect(tags()).toHaveLength(0);
    const retry = load();
    expect(tags()).toHaveLength(1);
    settle('load', { answer: 7 });
    expect(await retry).toEqual({ answer: 7 });
  });

  it('a file that runs but registers nothing rejects with INTERNAL_ERROR, and may be retried', async () => {
    const load = lazyScript(part, BASE);
    const empty = load();
    settle('load');
    await expect(codeOf(empty)).resolves.toBe(ErrorCode.INTERNAL_ERROR);
    const retry = load();
    settle('load', { ok: true });
    await expect(retry).resolves.toEqual({ ok: true });
  });
});
