import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC, MERCHANT, createSession, jsonOf, loadFrame, start, type TestSandbox } from './test-helpers';

let sb: TestSandbox;
const logLines: string[] = [];
beforeAll(async () => {
  sb = await start({ log: (line) => logLines.push(line) });
});
afterAll(() => sb.stop());

const CHANNEL = '0123456789abcdef0123456789abcdef';

/** A frame document URL as the browser knows it: session and origin in the query, channel in the fragment. */
const frameUrl = (session: string) =>
  `${sb.origin}/v1/frames/cvn?${new URLSearchParams({ session, origin: MERCHANT })}#channel=${CHANNEL}&v=1`;

const post = (body: string, type = 'application/csp-report') =>
  fetch(`${sb.origin}/v1/csp-reports`, { method: 'POST', headers: { 'Content-Type': type }, body });

async function reports(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${sb.origin}/v1/csp-reports`, { headers: { Authorization: BASIC } });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await jsonOf(res)).reports;
}

/** What Chromium and Firefox post for `report-uri`, with every field they add. */
function cspReport(documentUri: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    'csp-report': {
      'document-uri': documentUri,
      referrer: 'http://127.0.0.1:4300/checkout?order=secret-ref',
      'violated-directive': 'require-trusted-types-for',
      'effective-directive': 'require-trusted-types-for',
      'original-policy': "default-src 'none'; report-uri /v1/csp-reports",
      disposition: 'enforce',
      'blocked-uri': 'trusted-types-sink',
      'line-number': 5,
      'column-number': 71,
      'source-file': documentUri,
      'status-code': 200,
      'script-sample': 'HTMLScriptElement textContent|window.__pwned=1',
      ...extra,
    },
  });
}

describe('frame documents report CSP violations', () => {
  it('name report-uri /v1/csp-reports in their CSP, for accepted and refused sessions alike', async () => {
    const { payment_session_id: id } = await createSession(sb);
    for (const { res } of [await loadFrame(sb, id), await loadFrame(sb, 'ps-unknown')]) {
      const directives = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect(directives).toContain('report-uri /v1/csp-reports');
      // No report-to: with it, Chromium 156 and Firefox 153 both ignore report-uri and send
      // through the Reporting API only, batched, a minute or more later.
      expect(directives.some((d) => d.startsWith('report-to'))).toBe(false);
    }
  });
});

describe('POST /v1/csp-reports', () => {
  it('keeps document URL without query or fragment, directive, blocked URI and disposition: nothing else', async () => {
    const { payment_session_id: id } = await createSession(sb);
    const res = await post(cspReport(frameUrl(id)));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const kept = (await reports()).at(-1);
    expect(kept).toEqual({
      document_uri: `${sb.origin}/v1/frames/cvn`,
      effective_directive: 'require-trusted-types-for',
      blocked_uri: 'trusted-types-sink',
      disposition: 'enforce',
    });
    const all = JSON.stringify(await reports());
    for (const secret of [id, CHANNEL, 'pwned', 'secret-ref', encodeURIComponent(MERCHANT)]) {
      expect(all).not.toContain(secret);
    }
  });

  it('takes Reporting API batches (application/reports+json), csp-violation entries only', async () => {
    const before = (await reports()).length;
    const batch = [
      {
        type: 'csp-violation',
        age: 10,
        url: frameUrl('ps-batch'),
        user_agent: 'test',
        body: {
          documentURL: frameUrl('ps-batch'),
          effectiveDirective: 'script-src-elem',
          blockedURL: 'https://evil.example/x.js?token=abc#frag',
          disposition: 'report',
          sample: 'alert(1)',
        },
      },
      { type: 'deprecation', url: frameUrl('ps-batch'), body: { id: 'x' } },
    ];
    const res = await post(JSON.stringify(batch), 'application/reports+json');
    expect(res.status).toBe(204);
    const now = await reports();
    expect(now).toHaveLength(before + 1);
    expect(now.at(-1)).toEqual({
      document_uri: `${sb.origin}/v1/frames/cvn`,
      effective_directive: 'script-src-elem',
      blocked_uri: 'https://evil.example/x.js',
      disposition: 'report',
    });
  });

  it('keeps only the directive name when violated-directive carries the policy text', async () => {
    const body = JSON.stringify({
      'csp-report': {
        'document-uri': frameUrl('ps-old'),
        'violated-directive': "script-src 'self'",
        'blocked-uri': 'inline',
      },
    });
    expect((await post(body)).status).toBe(204);
    expect((await reports()).at(-1)).toEqual({
      document_uri: `${sb.origin}/v1/frames/cvn`,
      effective_directive: 'script-src',
      blocked_uri: 'inline',
      disposition: 'enforce',
    });
  });

  it('keeps the last 100, newest last', async () => {
    for (let i = 0; i < 105; i++) {
      const res = await post(cspReport(`${sb.origin}/n${i}?q=1`));
      expect(res.status).toBe(204);
    }
    const kept = await reports();
    expect(kept).toHaveLength(100);
    expect(kept[0]?.document_uri).toBe(`${sb.origin}/n5`);
    expect(kept.at(-1)?.document_uri).toBe(`${sb.origin}/n104`);
  });

  it('refuses a body over 8 KB with 413, and keeps nothing of it', async () => {
    const before = await reports();
    const res = await post(cspReport(frameUrl('ps-big'), { 'script-sample': 'x'.repeat(9000) }));
    expect(res.status).toBe(413);
    expect((await jsonOf(res)).error_code).toBe('API_VALIDATION_ERROR');
    expect(await reports()).toEqual(before);
  });

  it.each([['application/json'], ['text/plain'], ['']])('refuses Content-Type %j with 415', async (type) => {
    const res = await fetch(`${sb.origin}/v1/csp-reports`, {
      method: 'POST',
      headers: type ? { 'Content-Type': type } : {},
      body: cspReport(frameUrl('ps-type')),
    });
    expect(res.status).toBe(415);
    expect((await jsonOf(res)).error_code).toBe('API_VALIDATION_ERROR');
  });

  it('refuses a body that is no JSON, or no report, with 400', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post('{}', 'application/reports+json')).status).toBe(400);
  });

  it('never logs a report body', () => {
    const log = logLines.join('\n');
    expect(log).toContain('POST /v1/csp-reports 204');
    for (const text of ['pwned', 'secret-ref', 'trusted-types-sink', 'evil.example', CHANNEL]) {
      expect(log).not.toContain(text);
    }
  });
});

describe('GET /v1/csp-reports', () => {
  it('needs the secret key', async () => {
    const none = await fetch(`${sb.origin}/v1/csp-reports`);
    expect(none.status).toBe(401);
    expect((await jsonOf(none)).error_code).toBe('INVALID_API_KEY');
    const wrong = await fetch(`${sb.origin}/v1/csp-reports`, {
      headers: { Authorization: `Basic ${Buffer.from('sk_wrong:').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });
});
