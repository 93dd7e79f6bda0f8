// Bytes as the gateway serves them: the loader from the manifest URL, a real frame document for a
// fresh session, and the frame script that document references.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { basicAuth, json, request, sessionBody } from './http.mjs';

function measure(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

async function served(url) {
  const res = await request(url, { headers: { 'Accept-Encoding': 'gzip, br' } });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  // An encoded answer would make `raw` the wire size; the bench reports that rather than guess.
  return { ...measure(res.body), contentEncoding: res.headers['content-encoding'] ?? null, url };
}

export async function measureSizes({ gateway, merchant, secretKey }) {
  const manifest = await json(`${gateway}/assets/manifest.json`);
  const loader = await served(manifest.assets['cards-session.min.js'].url);
  const session = await json(`${gateway}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: basicAuth(secretKey), 'Content-Type': 'application/json' },
    body: sessionBody(merchant, 'bench-sizes'),
  });
  const frameUrl = `${gateway}/v1/frames/cvn?session=${encodeURIComponent(session.payment_session_id)}&origin=${encodeURIComponent(merchant)}`;
  const frameRes = await request(frameUrl);
  if (frameRes.status !== 200) throw new Error(`GET ${frameUrl} answered ${frameRes.status}`);
  const frameDoc = {
    ...measure(frameRes.body),
    contentEncoding: frameRes.headers['content-encoding'] ?? null,
    url: frameUrl,
  };
  const html = frameRes.body.toString('utf8');
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => new URL(m[1], gateway).href);
  const styles = [...html.matchAll(/<link[^>]*\bhref="([^"]+)"/g)].map((m) => new URL(m[1], gateway).href);
  const subresources = await Promise.all([...scripts, ...styles].map(served));
  const frameJs = subresources.find((s) => s.url.endsWith('/frame.js'));
  if (!frameJs) throw new Error('the frame document references no frame.js');
  const sum = (key) => frameDoc[key] + subresources.reduce((n, s) => n + s[key], 0);
  return {
    version: manifest.version,
    loader,
    frameDoc,
    frameJs,
    frameSubresources: subresources.map((s) => s.url),
    frameTotal: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), requests: 1 + subresources.length },
  };
}
