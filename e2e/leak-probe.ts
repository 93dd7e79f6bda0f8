// The leak probe, shared by e2e/leak.spec.ts (Playwright) and engines/leak.spec.ts (WebKit,
// Firefox with Fission): the sentinel CVN, and the code that looks for it in the merchant page.
// The two functions run inside the page, so each uses nothing from outside its body.

/**
 * A 4-digit code on the Amex test card. It is searched for as a token of its own (no digit or
 * letter either side), so ids, timestamps and amounts that merely contain these digits do not
 * count, while `"cvn":"7391"`, `cvn=7391` or the bare value do.
 */
export const SENTINEL = '7391';

/** Whether `text` carries the sentinel. */
export const found = (text: string | null | undefined) =>
  Boolean(text && new RegExp(`(?<![0-9A-Za-z])${SENTINEL}(?![0-9A-Za-z])`).test(text));

/**
 * Hooks the merchant window: every message it receives, every body its scripts send (fetch, XHR,
 * beacon, WebSocket, form submit) and every console call, as `kind text` entries. `sink`
 * `binding` hands them to `window.__csRecord` (a Playwright binding); `storage` appends them to
 * sessionStorage `cs-leak-probe`, which outlives the navigation to the order page.
 */
export function installLeakHooks(sink: 'binding' | 'storage'): void {
  if (window.top !== window) return;
  const w = window as unknown as { __csRecord?: (entry: string) => void };
  const push = (entry: string) => {
    if (sink === 'binding') return void w.__csRecord?.(entry);
    const seen = JSON.parse(sessionStorage.getItem('cs-leak-probe') ?? '[]') as string[];
    sessionStorage.setItem('cs-leak-probe', JSON.stringify([...seen, entry]));
  };
  const text = (v: unknown) =>
    typeof v === 'string' ? v : v instanceof URLSearchParams ? v.toString() : JSON.stringify(v ?? null);
  window.addEventListener('message', (e) => push(`message ${text(e.data)}`), true);
  const { fetch } = window;
  window.fetch = (input, init) => (push(`fetch ${text(init?.body)}`), fetch(input, init));
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    push(`xhr ${text(body)}`);
    return send.call(this, body);
  };
  const beacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url, data) => (push(`beacon ${text(data)}`), beacon(url, data));
  const ws = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    push(`ws ${text(data)}`);
    return ws.call(this, data);
  };
  document.addEventListener(
    'submit',
    (e) => push(`form ${text(Object.fromEntries(new FormData(e.target as HTMLFormElement)))}`),
    true,
  );
  if (sink === 'storage') {
    // Playwright reads the console itself; the other drivers rely on this.
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => (push(`console ${args.map(text).join(' ')}`), original(...args));
    }
  }
}

/**
 * Everything script on the merchant page could read: the DOM, window's own properties (walked a
 * few levels deep), both storages and document.cookie.
 */
export function merchantStrings(): string[] {
  const strings: string[] = [document.documentElement.outerHTML];
  const seen = new WeakSet<object>();
  const walk = (value: unknown, depth: number): void => {
    if (typeof value === 'string') strings.push(value);
    else if (typeof value === 'number') strings.push(String(value));
    if (typeof value !== 'object' || value === null || depth > 3 || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Node) return;
    for (const key of Object.keys(value)) {
      try {
        walk((value as Record<string, unknown>)[key], depth + 1);
      } catch {
        // cross-origin or throwing getter: nothing readable there
      }
    }
  };
  for (const key of Object.getOwnPropertyNames(window)) {
    try {
      walk((window as unknown as Record<string, unknown>)[key], 0);
    } catch {
      // same as above
    }
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) strings.push(`${storage.key(i)}=${storage.getItem(storage.key(i) ?? '')}`);
  }
  strings.push(document.cookie);
  return strings;
}
