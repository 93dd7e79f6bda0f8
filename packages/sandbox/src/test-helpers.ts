import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SECRET_KEY, startSandbox, type Sandbox, type SandboxOptions } from './server';

/** The merchant origin test sessions allow. */
export const MERCHANT = 'http://127.0.0.1:4300';
export const BASIC = `Basic ${Buffer.from(`${DEFAULT_SECRET_KEY}:`).toString('base64')}`;

/** What the HTTP helpers need of a gateway: its origin (an in-process sandbox or a CLI child). */
export type Target = Pick<Sandbox, 'origin'>;

/**
 * The frame template's contract with the gateway (packages/frame/src/frame.html): the four
 * placeholders and exactly one `<style>`. Inlined, so these tests depend on no other package.
 */
export const FRAME_TEMPLATE = `<!doctype html>
<html lang="%LANG%">
<head>
<meta charset="utf-8">
<title>Card security code</title>
<style>html,body{margin:0}input{font:inherit}</style>
<script id="cs-config" type="application/json">%CONFIG%</script>
<script src="%SCRIPT%" integrity="%INTEGRITY%" defer></script>
</head>
<body></body>
</html>
`;

/** A temp folder holding what `npm run build` would put in `assets/`: tests must not need a build. */
export function makeAssetsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-assets-'));
  const sources: Record<string, [string, string]> = {
    'frame.html': [FRAME_TEMPLATE, 'text/html; charset=utf-8'],
    'frame.js': ['/* test frame */', 'text/javascript; charset=utf-8'],
    'cards-session.min.js': ['/* test loader */', 'text/javascript; charset=utf-8'],
  };
  const assets: Record<string, { file: string; integrity: string; contentType: string }> = {};
  for (const [name, [text, contentType]] of Object.entries(sources)) {
    writeFileSync(join(dir, name), text);
    assets[name] = {
      file: name,
      integrity: `sha384-${createHash('sha384').update(text).digest('base64')}`,
      contentType,
    };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.0.0-test', assets }));
  return dir;
}

/** A running sandbox on a free port plus the temp folder it owns. */
export interface TestSandbox extends Sandbox {
  /** Tears the sandbox down (once, however often called) and removes its temp folder. */
  stop(): Promise<void>;
}

export async function start(options: SandboxOptions = {}): Promise<TestSandbox> {
  const assetsDir = makeAssetsDir();
  const sandbox = await startSandbox({ port: 0, dataDir: null, assetsDir, ...options }).catch((err: unknown) => {
    rmSync(assetsDir, { recursive: true, force: true });
    throw err;
  });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= sandbox.close());
  return {
    ...sandbox,
    close,
    stop: async () => {
      await close();
      rmSync(assetsDir, { recursive: true, force: true });
    },
  };
}

/** A valid `POST /v1/sessions` body; `overrides` replace top-level fields. */
export function sessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference_id: 'order-1',
    session_type: 'PAY',
    amount: 250000,
    currency: 'IDR',
    country: 'ID',
    cards_session_js: {
      card_payment_token_id: 'cpt-visa-challenge',
      success_return_url: 'http://127.0.0.1:4300/success',
      failure_return_url: 'https://shop.example/failure',
    },
    allowed_origins: [MERCHANT],
    ...overrides,
  };
}

/** A parsed JSON answer, loosely typed on purpose: the tests read fields and assert their values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

/** A response's JSON body. */
export async function jsonOf(res: Response): Promise<Json> {
  return res.json();
}

/** Server-to-server JSON call with the secret key. */
export async function api(
  sb: Target,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sb.origin}${path}`, {
    method,
    headers: { Authorization: BASIC, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await jsonOf(res) };
}

/** Creates a session (visa unless `overrides` says otherwise) and answers it. */
export async function createSession(sb: Target, overrides: Record<string, unknown> = {}): Promise<Json> {
  const { status, json } = await api(sb, 'POST', '/v1/sessions', sessionBody(overrides));
  if (status !== 201) throw new Error(`session not created: ${status} ${JSON.stringify(json)}`);
  return json;
}

/** Body overrides for a session on another stored card. */
export function withCard(token: string): Record<string, unknown> {
  const base = sessionBody().cards_session_js as Record<string, unknown>;
  return { cards_session_js: { ...base, card_payment_token_id: token } };
}

/** The JSON config a frame document embeds. */
export function frameConfig(html: string): Json {
  const m = /<script id="cs-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1]) throw new Error('no config block in frame document');
  return JSON.parse(m[1]);
}

/** Loads the frame document for a session. */
export async function loadFrame(
  sb: Target,
  session: string,
  origin = MERCHANT,
): Promise<{ res: Response; html: string; config: Json }> {
  const res = await fetch(`${sb.origin}/v1/frames/cvn?${new URLSearchParams({ session, origin })}`);
  const html = await res.text();
  return { res, html, config: frameConfig(html) };
}

/** A fresh client token for a session, as the frame gets it. */
export async function clientToken(sb: Target, session: string): Promise<string> {
  const { config } = await loadFrame(sb, session);
  if (typeof config.client_token !== 'string') throw new Error(`no client token: ${JSON.stringify(config)}`);
  return config.client_token;
}

/** A unique Idempotency-Key; a UUID, so no digit run in it can spell a test's sentinel CVN. */
export function idemKey(): string {
  return `test-${randomUUID()}`;
}

/** The frame's CVN call. Headers in `headers` replace the defaults; `null` drops one. */
export async function pay(
  sb: Target,
  args: {
    token: string | null;
    session: string;
    cvn: unknown;
    key?: string | null;
    headers?: Record<string, string | null>;
  },
): Promise<{ status: number; json: Json; text: string; headers: Headers }> {
  const defaults: Record<string, string | null> = {
    Origin: sb.origin,
    'Content-Type': 'application/json',
    Authorization: args.token === null ? null : `Bearer ${args.token}`,
    'Idempotency-Key': args.key === undefined ? idemKey() : args.key,
    ...args.headers,
  };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(defaults)) if (v !== null) headers[k] = v;
  const res = await fetch(`${sb.origin}/v1/payment_with_session`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ payment_session_id: args.session, cvn: args.cvn }),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), text, headers: res.headers };
}

/** Polls `check` every 20 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One request a {@link Receiver} got, with the raw body and the status it answered. */
export interface Delivery {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body, or `null` when it was no JSON. */
  event: Json;
  at: number;
  answered: number;
}

/** A merchant webhook endpoint on 127.0.0.1 that records every request. */
export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Decides each answer's status (and headers); replace it to make deliveries fail. Default: 200. */
  respond: (delivery: Omit<Delivery, 'answered'>) => number | { status: number; headers: Record<string, string> };
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event: Json;
      try {
        event = JSON.parse(body);
      } catch {
        event = null;
      }
      const got = { method: req.method ?? '', headers: req.headers, body, event, at: Date.now() };
      const answer = receiver.respond(got);
      const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      receiver.deliveries.push({ ...got, answered: status });
      res.writeHead(status, { 'Content-Type': 'text/plain', ...headers }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries: [],
    respond: () => 200,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
