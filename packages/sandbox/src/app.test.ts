import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { loadAssets } from './assets';
import { Store } from './store';
import { api, clientToken, createSession, makeAssetsDir, pay, start } from './test-helpers';

describe('the app as a value, on one clock', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is built before any socket, and mounts on any server', async () => {
    const dir = makeAssetsDir();
    dirs.push(dir);
    const store = new Store(':memory:');
    const app = await createApp({
      store,
      assets: loadAssets(dir),
      origin: 'http://localhost:1',
      secretKeys: ['sk_test_value'],
      maxCvnAttempts: 5,
      maxPaymentRequests: 5,
      maxWrongThreeDsCodes: 3,
      now: Date.now,
      onWebhook: () => undefined,
      log: () => undefined,
    });
    const server = createServer(app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { servers: unknown };
      expect(doc.servers).toEqual([{ url: 'http://localhost:1' }]);
      expect((await fetch(`${base}/v1/test_cards`)).status).toBe(401);
    } finally {
      server.close();
      store.close();
    }
  });

  it('stamps sessions, payment requests, tokens and webhooks with the injected clock', async () => {
    const fixed = Date.parse('2031-05-06T07:08:09.000Z');
    const sb = await start({ now: () => fixed });
    try {
      const session = await createSession(sb);
      expect(session.created).toBe('2031-05-06T07:08:09.000Z');
      expect(session.expires_at).toBe('2031-05-06T07:38:09.000Z');
      const token = await clientToken(sb, session.payment_session_id);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
      expect(claims.iat).toBe(fixed / 1000);
      const paid = await pay(sb, { token, session: session.payment_session_id, cvn: '123' });
      expect(paid.status).toBe(200);
      const pr = await api(sb, 'GET', `/v1/payment_requests/${paid.json.payment_request_id}`);
      expect(pr.json.created).toBe('2031-05-06T07:08:09.000Z');
      const valid = await api(sb, 'POST', '/v1/tokens/validate', { token: paid.json.result_token });
      expect(valid.json).toMatchObject({ valid: true, claims: { iat: fixed / 1000, exp: fixed / 1000 + 3600 } });
    } finally {
      await sb.stop();
    }
  });
});
