#!/usr/bin/env node
// Change detection for the payment page scripts (PCI DSS 11.6.1): a merchant, or a scheduled
// job, compares what the gateway serves right now with what it expects.
//
//   node scripts/check-assets.mjs --gateway http://localhost:4400 \
//     --manifest packages/sandbox/dist/assets/manifest.json \
//     [--session ps-… --origin http://127.0.0.1:4300]
//
// 1. The published /assets/manifest.json: every expected script is published, at a versioned
//    URL, with the expected integrity, and nothing unexpected is.
// 2. Every published script is downloaded and its SHA-384 recomputed.
// 3. With --session and --origin: the frame document's security headers, and the integrity of
//    every <script src> in it.
// Exit 0: everything matches. 1: differences, each listed. 2: usage error.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `Usage: node scripts/check-assets.mjs --gateway <origin> --manifest <file> [--session <id> --origin <origin>]

  --gateway <origin>   the gateway, e.g. http://localhost:4400
  --manifest <file>    the expected manifest (the build's assets/manifest.json)
  --session <id>       an ACTIVE payment session, to check the frame document too
  --origin <origin>    the merchant origin that session allows (required with --session)
  -h, --help           this text

Exit 0 when everything matches, 1 with the differences, 2 on a usage error.`;

function usage(message) {
  process.stderr.write(`check-assets: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** An origin as the browser writes it (`scheme://host[:port]`), or null. */
function asOrigin(text) {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && url.origin === text.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      manifest: { type: 'string' },
      session: { type: 'string' },
      origin: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  usage(err.message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.gateway) usage('--gateway is required');
if (!values.manifest) usage('--manifest is required');
const gateway = asOrigin(values.gateway);
if (!gateway) usage(`--gateway: expected an http(s) origin, received ${values.gateway}`);
if (Boolean(values.session) !== Boolean(values.origin)) usage('--session and --origin go together');
const merchant = values.origin ? asOrigin(values.origin) : null;
if (values.origin && !merchant) usage(`--origin: expected an http(s) origin, received ${values.origin}`);

let expected;
try {
  expected = JSON.parse(readFileSync(values.manifest, 'utf8'));
} catch (err) {
  usage(`--manifest: cannot read ${values.manifest}: ${err.message}`);
}
if (typeof expected?.version !== 'string' || typeof expected.assets !== 'object' || expected.assets === null) {
  usage(`--manifest: ${values.manifest} is no asset manifest (expected {version, assets})`);
}

const differences = [];
const differ = (text) => differences.push(text);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
/** The expected integrity of an asset, or undefined when the manifest does not list it. */
const expectedIntegrity = (name) => expected.assets[name]?.integrity;

async function get(url) {
  // No compression asked for: the hash is over the bytes as a browser decodes them, and
  // fetch decodes whatever the server chose anyway.
  return fetch(url, { redirect: 'manual', headers: { 'Cache-Control': 'no-cache' } });
}

/** Downloads `url` and compares its SHA-384 with `integrity`. */
async function checkBytes(label, url, integrity) {
  let res;
  try {
    res = await get(url);
  } catch (err) {
    return differ(`${label}: cannot download ${url}: ${err.cause?.code ?? err.message}`);
  }
  if (res.status !== 200) return differ(`${label}: ${url} answered ${res.status}`);
  const actual = sri(Buffer.from(await res.arrayBuffer()));
  if (actual !== integrity) differ(`${label}: served bytes hash to ${actual}, expected ${integrity} (${url})`);
}

// 1 + 2: the published manifest and the published scripts.
let published = null;
try {
  const res = await get(`${gateway}/assets/manifest.json`);
  if (res.status !== 200) differ(`manifest: ${gateway}/assets/manifest.json answered ${res.status}`);
  else published = await res.json();
} catch (err) {
  differ(`manifest: cannot fetch ${gateway}/assets/manifest.json: ${err.cause?.code ?? err.message}`);
}
if (published) {
  if (published.version !== expected.version) {
    differ(`manifest: version ${JSON.stringify(published.version)}, expected ${JSON.stringify(expected.version)}`);
  }
  const assets = published.assets && typeof published.assets === 'object' ? published.assets : {};
  // The gateway publishes its scripts; the frame template is served inside the frame document.
  for (const name of Object.keys(expected.assets).filter((n) => n.endsWith('.js'))) {
    if (!(name in assets)) differ(`${name}: expected, but not published`);
  }
  for (const [name, entry] of Object.entries(assets)) {
    const want = expectedIntegrity(name);
    if (want === undefined) {
      differ(`${name}: published, but not in the expected manifest (${entry?.url})`);
      continue;
    }
    if (entry?.integrity !== want) differ(`${name}: published integrity ${entry?.integrity}, expected ${want}`);
    const url = typeof entry?.url === 'string' ? entry.url : '';
    if (!url.endsWith(`/${expected.version}/${name}`)) {
      differ(`${name}: URL ${url || '(none)'} is not versioned as /${expected.version}/${name}`);
      continue;
    }
    await checkBytes(name, url, want);
  }
}

// 3: the frame document.
if (values.session) {
  const frameUrl = `${gateway}/v1/frames/cvn?${new URLSearchParams({ session: values.session, origin: merchant })}`;
  let res = null;
  try {
    res = await get(frameUrl);
  } catch (err) {
    differ(`frame: cannot fetch ${frameUrl}: ${err.cause?.code ?? err.message}`);
  }
  if (res) {
    const html = await res.text();
    if (res.status !== 200)
      differ(`frame: answered ${res.status}, expected 200 (is the session ACTIVE for ${merchant}?)`);
    const policy = res.headers.get('content-security-policy');
    if (!policy) differ('frame: no Content-Security-Policy header');
    const directives = new Map(
      (policy ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...sources]) => [name.toLowerCase(), sources.join(' ')]),
    );
    const wanted = {
      'default-src': "'none'",
      'script-src': "'self'",
      'frame-ancestors': merchant,
      'base-uri': "'none'",
      'form-action': "'none'",
      'require-trusted-types-for': "'script'",
    };
    for (const [name, value] of Object.entries(wanted)) {
      if (!directives.has(name)) differ(`frame: CSP has no ${name} (expected ${name} ${value})`);
      else if (directives.get(name) !== value) differ(`frame: CSP ${name} ${directives.get(name)}, expected ${value}`);
    }
    const header = (name, value) => {
      const actual = res.headers.get(name);
      if (actual !== value) differ(`frame: ${name} ${actual === null ? 'missing' : actual}, expected ${value}`);
    };
    header('referrer-policy', 'no-referrer');
    header('cross-origin-resource-policy', 'cross-origin');
    if (res.headers.has('x-frame-options')) {
      differ(`frame: X-Frame-Options ${res.headers.get('x-frame-options')} present (frame-ancestors decides)`);
    }

    // Every script element: a data block, or a same-gateway script with the expected integrity.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1] ?? '');
    const attr = (attrs, name) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
    const decode = (text) =>
      text
        .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const value = (m) => (m ? decode(m[1] ?? m[2] ?? m[3] ?? '') : null);
    let withSrc = 0;
    for (const attrs of scripts) {
      const src = value(attr(attrs, 'src'));
      const type = value(attr(attrs, 'type'));
      if (src === null) {
        if (type?.toLowerCase() !== 'application/json') differ(`frame: inline script <script${attrs}>`);
        continue;
      }
      withSrc += 1;
      const url = new URL(src, frameUrl);
      const name = url.pathname.split('/').pop() ?? '';
      const want = url.origin === gateway ? expectedIntegrity(name) : undefined;
      const integrity = value(attr(attrs, 'integrity'));
      if (want === undefined) differ(`frame: <script src="${src}"> is not an expected asset`);
      else if (integrity !== want)
        differ(`frame: <script src="${src}"> integrity ${integrity ?? 'missing'}, expected ${want}`);
      else if (!url.pathname.endsWith(`/${expected.version}/${name}`)) {
        differ(`frame: <script src="${src}"> is not versioned as /${expected.version}/${name}`);
      } else await checkBytes(`frame: ${src}`, url.href, want);
    }
    if (withSrc === 0) differ('frame: no <script src> found in the frame document');
  }
}

if (differences.length === 0) {
  const scope = values.session ? 'published assets and the frame document' : 'published assets';
  process.stdout.write(`check-assets: OK: ${scope} match ${values.manifest} (version ${expected.version})\n`);
  process.exit(0);
}
process.stdout.write(
  `check-assets: ${differences.length} difference${differences.length === 1 ? '' : 's'} from ${values.manifest}:\n${differences.map((d) => `  - ${d}`).join('\n')}\n`,
);
process.exit(1);
