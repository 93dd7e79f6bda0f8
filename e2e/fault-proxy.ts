import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy knows of a request when it picks a fault: never the body beyond the session id. */
export interface Seen {
  method: string;
  path: string;
  /** `payment_session_id` of a JSON body, when there is one. */
  session: string | null;
  idempotencyKey: string | null;
  authorization: string | null;
}

type Action =
  /** Forward, let the gateway answer, then cut the connection: the answer is lost, not the request. */
  | { kind: 'lose' }
  /** Cut the connection without forwarding: the gateway never hears of it. */
  | { kind: 'refuse' }
  /** Answer with this status and an empty body without forwarding. */
  | { kind: 'status'; status: number }
  /** Forward, and hold the answer this long. */
  | { kind: 'delay'; ms: number };

interface Rule {
  match: (seen: Seen) => boolean;
  action: Action;
  left: number;
}

/**
 * A reverse proxy in front of the sandbox gateway that plays the network's faults on request:
 * the browser and the shop reach the gateway only through it (it is the gateway's public origin).
 * Playwright's own routing cannot do this: it does not see the frame's requests in Firefox.
 */
export class FaultProxy {
  private readonly rules: Rule[] = [];
  private readonly sockets = new Set<Socket>();
  /** Every request that went through, oldest first. */
  readonly seen: Seen[] = [];

  private constructor(
    private readonly server: Server,
    private readonly target: { port: number },
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a proxy on a free loopback port, in front of the gateway listening on `gatewayPort`. */
  static async start(gatewayPort: number): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, { port: gatewayPort });
    server.on('request', (req, res) => void proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The origin browsers and the shop use for the gateway. */
  get origin(): string {
    return `http://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Plays `action` on the next `times` requests `match` accepts. */
  on(match: (seen: Seen) => boolean, action: Action, times = 1): void {
    this.rules.push({ match, action, left: times });
  }

  /** Drops every rule not used up yet. */
  clear(): void {
    this.rules.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const seen: Seen = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      session: sessionOf(req, body),
      idempotencyKey: header(req, 'idempotency-key'),
      authorization: header(req, 'authorization'),
    };
    this.seen.push(seen);
    const rule = this.rules.find((r) => r.left > 0 && r.match(seen));
    if (rule) rule.left--;
    const action = rule?.action;
    if (action?.kind === 'refuse') return void req.socket.destroy();
    if (action?.kind === 'status') {
      return void res.writeHead(action.status, { 'Content-Length': '0', connection: 'close' }).end();
    }
    const upstream = await this.send(req, body).catch(() => null);
    if (!upstream) return void req.socket.destroy();
    if (action?.kind === 'lose') return void req.socket.destroy();
    if (action?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, action.ms));
    // A fresh connection per request: a browser re-sends a request lost on a reused keep-alive
    // connection by itself, which would hide the fault from the page.
    res.writeHead(upstream.status, { ...upstream.headers, connection: 'close' }).end(upstream.body);
  }

  private send(req: IncomingMessage, body: Buffer) {
    return new Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }>(
      (resolve, reject) => {
        const headers = { ...req.headers, host: `127.0.0.1:${this.target.port}`, connection: 'close' };
        const out = forward(
          { host: '127.0.0.1', port: this.target.port, method: req.method, path: req.url, headers },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (c: Buffer) => parts.push(c));
            answer.on('end', () => {
              const { connection: _, 'keep-alive': __, 'transfer-encoding': ___, ...kept } = answer.headers;
              resolve({
                status: answer.statusCode ?? 502,
                headers: kept as Record<string, string | string[]>,
                body: Buffer.concat(parts),
              });
            });
            answer.on('error', reject);
          },
        );
        out.on('error', reject);
        out.end(body);
      },
    );
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function sessionOf(req: IncomingMessage, body: Buffer): string | null {
  if (!/json/.test(req.headers['content-type'] ?? '') || body.length === 0) return null;
  try {
    const id = (JSON.parse(body.toString('utf8')) as { payment_session_id?: unknown }).payment_session_id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
