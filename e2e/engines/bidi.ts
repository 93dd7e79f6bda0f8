import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { firefoxPath } from '../../scripts/browsers.mjs';
import { readUntil, start, stop } from './processes';

/** A WebDriver BiDi session over one WebSocket: commands with their answers, nothing else. */
export class Bidi {
  private next = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; method: string }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        type: string;
        result?: unknown;
        error?: string;
        message?: string;
      };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.type === 'error')
        waiting.reject(new Error(`${waiting.method}: ${message.error}: ${message.message}`));
      else waiting.resolve(message.result);
    });
    socket.on('close', () => {
      for (const waiting of this.pending.values())
        waiting.reject(new Error(`${waiting.method}: the browser went away`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<Bidi> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Bidi(socket);
  }

  /** Sends a command and resolves with its result (rejects with the browser's error). */
  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

// Prefs for a quiet, test-friendly Firefox. Fission is stated, not assumed: it is the default,
// and the point of this engine. Loopback may go through a test's recording proxy.
const PREFS = {
  'fission.autostart': true,
  'fission.webContentIsolationStrategy': 1,
  'network.proxy.allow_hijacking_localhost': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'browser.startup.homepage_override.mstone': 'ignore',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/**
 * Starts firefox-esr headless with a fresh profile and its built-in WebDriver BiDi server, and
 * opens a session. Debian has no geckodriver; none is needed.
 */
export async function startFirefox(
  extraPrefs: Record<string, string | number | boolean> = {},
): Promise<{ bidi: Bidi; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'cs-firefox-'));
  const prefs = Object.entries({ ...PREFS, ...extraPrefs }).map(
    ([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`,
  );
  writeFileSync(join(profile, 'user.js'), `${prefs.join('\n')}\n`);
  const firefox = start(
    firefoxPath(),
    ['--headless', '--no-remote', '--remote-debugging-port=0', '-profile', profile],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const [, url] = await readUntil(
    firefox,
    firefox.stderr as NodeJS.ReadableStream,
    /WebDriver BiDi listening on (ws:\/\/\S+)/,
  );
  const bidi = await Bidi.connect(`${url}/session`);
  await bidi.send('session.new', { capabilities: {} });
  return {
    bidi,
    async close() {
      await bidi.send('browser.close').catch(() => undefined);
      bidi.close();
      await stop(firefox);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
