import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, resolveLimits } from './limits';
import { start, waitUntil, type TestSandbox } from './test-helpers';

/** A raw client socket: what it received, and when (ms after opening) it was closed, if it was. */
interface Probe {
  socket: Socket;
  received: () => string;
  closedAt: () => number | null;
}

const running: TestSandbox[] = [];
const probes: Probe[] = [];
afterEach(async () => {
  for (const probe of probes.splice(0)) probe.socket.destroy();
  for (const sb of running.splice(0)) await sb.stop();
});

async function sandbox(options: Parameters<typeof start>[0]): Promise<TestSandbox> {
  const sb = await start(options);
  running.push(sb);
  return sb;
}

/** Opens a socket to the sandbox and resolves once it is connected. */
async function open(sb: TestSandbox): Promise<Probe> {
  const socket = connect(sb.port, '127.0.0.1');
  const opened = Date.now();
  let data = '';
  let closedAt: number | null = null;
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
  socket.on('close', () => (closedAt = Date.now() - opened));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const probe = { socket, received: () => data, closedAt: () => closedAt };
  probes.push(probe);
  return probe;
}

const REQUEST = (path = '/.well-known/jwks.json') => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const answers = (probe: Probe) => probe.received().match(/^HTTP\/1\.1 \d{3}/gm) ?? [];

describe('the gateway protects its sockets', () => {
  it('holds at most maxConnections idle sockets, and closes those that never send a byte', async () => {
    const sb = await sandbox({ maxConnections: 20, idleSocketTimeoutMs: 400, headersTimeoutMs: 5000 });
    const idle = await Promise.all(Array.from({ length: 60 }, () => open(sb)));
    await sleep(150);
    const held = idle.filter((p) => p.closedAt() === null).length;
    expect(held).toBe(20);
    // The refused ones were closed on accept, with nothing written to them.
    expect(idle.filter((p) => p.closedAt() !== null).every((p) => p.received() === '')).toBe(true);
    await waitUntil(() => idle.every((p) => p.closedAt() !== null), 'every idle socket to be closed', 3000);
    const closedByIdleTimer = idle.map((p) => p.closedAt() ?? 0).filter((ms) => ms >= 400);
    expect(closedByIdleTimer).toHaveLength(20);
    // Destroyed, not answered: no 408 a browser could read as the reply to its next request.
    expect(idle.every((p) => p.received() === '')).toBe(true);
    // And the gateway still answers.
    expect((await fetch(`${sb.origin}/.well-known/jwks.json`)).status).toBe(200);
  });

  it('cuts slow headers at the header timeout with 408', async () => {
    const sb = await sandbox({ headersTimeoutMs: 500, requestTimeoutMs: 5000, idleSocketTimeoutMs: 100 });
    const slow = await open(sb);
    slow.socket.write('GET /.well-known/jwks.json HTTP/1.1\r\n');
    // One more header line every 100 ms, never the blank line that ends them.
    const drip = setInterval(() => slow.socket.write(`X-Drip-${Date.now()}: 1\r\n`), 100);
    try {
      await waitUntil(() => slow.closedAt() !== null, 'the slow socket to be cut', 4000);
    } finally {
      clearInterval(drip);
    }
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.closedAt()).toBeGreaterThanOrEqual(500);
    expect(slow.closedAt()).toBeLessThan(1500);
    // The idle timer left it alone: it had sent bytes.
    expect(slow.closedAt()).toBeGreaterThan(100);
  });

  it('cuts a request whose body does not arrive at the request timeout with 408', async () => {
    const sb = await sandbox({ headersTimeoutMs: 300, requestTimeoutMs: 700 });
    const slow = await open(sb);
    slow.socket.write(
      // The 3-D Secure answer reads its body before anything else.
      'POST /v1/3ds/pr-unknown HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\ncode=',
    );
    await waitUntil(() => slow.closedAt() !== null, 'the body-less request to be cut', 4000);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.closedAt()).toBeGreaterThanOrEqual(700);
    expect(slow.closedAt()).toBeLessThan(2000);
  });

  it('closes an idle keep-alive socket after the keep-alive timeout (plus Node’s second of grace)', async () => {
    const sb = await sandbox({ keepAliveTimeoutMs: 300, idleSocketTimeoutMs: 100 });
    const client = await open(sb);
    client.socket.write(REQUEST());
    await waitUntil(() => answers(client).length === 1, 'the answer');
    const answeredAt = Date.now();
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.received()).toMatch(/\r\nConnection: keep-alive\r\n/i);
    await waitUntil(() => client.closedAt() !== null, 'the keep-alive socket to close', 4000);
    const idleFor = Date.now() - answeredAt;
    expect(idleFor).toBeGreaterThanOrEqual(300);
    expect(idleFor).toBeLessThan(2500);
  });

  it('keeps a keep-alive socket that sent a request past the idle timeout, for the next request', async () => {
    const sb = await sandbox({ keepAliveTimeoutMs: 3000, idleSocketTimeoutMs: 100 });
    const client = await open(sb);
    client.socket.write(REQUEST());
    await waitUntil(() => answers(client).length === 1, 'the first answer');
    await sleep(400);
    expect(client.closedAt()).toBeNull();
    client.socket.write(REQUEST());
    await waitUntil(() => answers(client).length === 2, 'the second answer on the same socket');
  });

  it('closes a socket after maxRequestsPerSocket requests, telling the client so', async () => {
    // A keep-alive timeout far longer than the test: the socket must close for its request count.
    const sb = await sandbox({ maxRequestsPerSocket: 3, keepAliveTimeoutMs: 60_000 });
    const client = await open(sb);
    for (let n = 1; n <= 3; n++) {
      client.socket.write(REQUEST());
      await waitUntil(() => answers(client).length === n, `answer ${n}`);
    }
    const last = client.received().split(/(?=^HTTP\/1\.1 )/m)[2] ?? '';
    expect(last).toMatch(/\r\nConnection: close\r\n/i);
    await waitUntil(() => client.closedAt() !== null, 'the socket to close after its last request');
    expect(answers(client)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200']);
  });
});

describe('limit options', () => {
  it('defaults every limit from the one table', () => {
    expect(resolveLimits({})).toEqual({
      maxCvnAttempts: 5,
      maxPaymentRequests: 5,
      maxWrongThreeDsCodes: 3,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      idleSocketTimeoutMs: 5_000,
      maxConnections: 256,
      maxRequestsPerSocket: 1000,
    });
    for (const [name, spec] of Object.entries(LIMITS)) {
      expect(spec.flag, name).toMatch(/^[a-z0-9-]+$/);
      expect(spec.env, name).toBe(`CARDS_SESSION_${spec.flag.replace(/-/g, '_').toUpperCase()}`);
    }
  });

  it.each([
    [{ maxConnections: 0 }, 'maxConnections: expected an integer from 1 to 65535, received 0'],
    [{ maxPaymentRequests: 2.5 }, 'maxPaymentRequests: expected an integer from 1 to 1000, received 2.5'],
    [{ headersTimeoutMs: '5s' }, 'headersTimeoutMs: expected an integer from 10 to 86400000, received "5s"'],
    [{ maxWrongThreeDsCodes: Number.NaN }, 'maxWrongThreeDsCodes: expected an integer from 1 to 1000, received NaN'],
    [
      { headersTimeoutMs: 2000, requestTimeoutMs: 1000 },
      'headersTimeoutMs: expected at most requestTimeoutMs (1000), received 2000',
    ],
  ])('refuses %j at start: %s', async (options, message) => {
    await expect(start(options as Parameters<typeof start>[0])).rejects.toThrow(new TypeError(message));
  });
});
