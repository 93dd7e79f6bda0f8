// Budget rows (docs/architecture.md, "Performance budgets") from the raw results: one row per
// figure, with its budget and pass/miss where the architecture sets one. Sizes and gateway load
// here, browsers in budgets-browser.mjs.
import { browserRows } from './budgets-browser.mjs';
import { KB, atMost, kb, ms, verdict } from './stats.mjs';

const own = (s) => `${s.raw.toLocaleString('en')} B; gzip -9 ${kb(s.gzip)}; brotli 11 ${(s.brotli / KB).toFixed(2)} KB`;
const wire = (t) => `${(t.wire / KB).toFixed(2)} KB on the wire (Content-Encoding: ${t.encodings || 'none'})`;
const names = (t) => t.files.map((f) => f.url.replace(/^.*\//, '')).join(', ');

function sizeRows(sizes) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section: 'size', figure, value, budget, result: verdict(ok) });
  for (const f of sizes.built) row(`built file ${f.path}`, own(f));
  const { sdk, floor } = sizes;
  row(
    `everything the merchant page loads before ready (${sdk.page.requests}: ${names(sdk.page)}; from the ${sizes.source})`,
    `${own(sdk.page)}; ${wire(sdk.page)}`,
    '≤ 14 KB gzip',
    sdk.page.gzip <= 14 * KB,
  );
  row(
    `frame document + its files (${sdk.frame.requests} requests: ${names(sdk.frame)})`,
    `${own(sdk.frame)}; ${wire(sdk.frame)}`,
    '≤ 14 KB gzip, ≤ 2 requests',
    sdk.frame.gzip <= 14 * KB && sdk.frame.requests <= 2,
  );
  row(`floor: merchant page before ready (${names(floor.page)})`, own(floor.page));
  row(`floor: frame (${floor.frame.requests} request${floor.frame.requests === 1 ? '' : 's'})`, own(floor.frame));
  // The gateway must serve the built bytes themselves: a script that differs is not what was measured.
  const built = new Map(sizes.built.map((f) => [f.path.replace(/^.*\//, ''), f.raw]));
  const served = [...sdk.page.files, ...sdk.frame.files].filter((f) => built.has(f.url.replace(/^.*\//, '')));
  const differ = served.filter((f) => built.get(f.url.replace(/^.*\//, '')) !== f.raw);
  row(
    'scripts served (identity) are the built files, byte for byte in length',
    differ.length ? `differ: ${differ.map((f) => f.url).join(', ')}` : `yes (${served.length} files)`,
    'equal',
    served.length > 0 && differ.length === 0,
  );
  return rows;
}

export function budgetRows(results) {
  const { sizes, browsers, load } = results;
  const rows = sizeRows(sizes);
  for (const [name, b] of Object.entries(browsers)) {
    rows.push(...browserRows(name, b.series, { submit: true, strict: true }));
    if (b.throttled) rows.push(...browserRows(`${name}, CPU 4× slower`, b.throttled, { submit: false, strict: false }));
  }
  if (load) rows.push(...loadRows(load));
  return rows;
}

function loadRows({ run, verify, writeFloor }) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section: 'gateway load', figure, value, budget, result: verdict(ok) });
  const errs = (e) =>
    Object.entries(e)
      .map(([k, v]) => `${v}× ${k}`)
      .join(', ') || '0';
  const rate = (x) => `${x.perSecond.toFixed(0)}/s (p50 ${ms(x.latency.median)}, p99 ${ms(x.latency.p99)})`;
  row('sessions created/s (POST /v1/sessions, 32 in flight)', rate(run.created));
  row('frame documents/s (token issue, 32 in flight)', rate(run.frames));
  row(
    `CVN submits/s sustained, ${run.closed.concurrency} in flight (${run.closed.count})`,
    rate(run.closed),
    '≥ 1,000/s',
    run.closed.perSecond >= 1000,
  );
  if (writeFloor) {
    const { each, group } = writeFloor;
    const runs = writeFloor.runs?.length ?? 1;
    const best = runs > 1 ? `, the faster of ${runs} runs (before and after the load)` : '';
    row(
      `write-path floor, group commit: 2 ES256 signatures + the submit's transaction, ${writeFloor.concurrency} in flight, no HTTP${best}`,
      `${rate(group)}; ${group.meanBatch.toFixed(1)} submits per fsync`,
    );
    row(
      `write-path floor, one transaction per submit, each awaited to disk${best}`,
      `${rate(each)}; ${each.meanBatch.toFixed(1)} submits per fsync`,
    );
    const toGroup = run.closed.perSecond / group.perSecond;
    row(
      'gateway submits/s ÷ write-path floor (group commit / one transaction per submit)',
      `${toGroup.toFixed(2)}× / ${(run.closed.perSecond / each.perSecond).toFixed(2)}×`,
      '≥ 0.7× (group commit)',
      toGroup >= 0.7,
    );
  }
  row(
    `CVN submits offered at ${run.open.rate}/s (${run.open.count} done): achieved, p50`,
    `${run.open.perSecond.toFixed(0)}/s, ${ms(run.open.latency.median)}`,
  );
  row(
    `  latency at ${run.open.rate}/s offered, p99`,
    ms(run.open.latency.p99),
    '≤ 100 ms',
    atMost(run.open.latency.p99, 100),
  );
  row(
    '  load generator behind schedule, p99 / max (its own lag, included above)',
    `${ms(run.open.sendLag.p99)} / ${ms(run.open.sendLag.max)}`,
  );
  row(
    'errors (prepare / closed / open)',
    `${errs(run.prepareErrors)} / ${errs(run.closed.errors)} / ${errs(run.open.errors)}`,
  );
  row(
    'acknowledged lost after kill -9 + restart',
    `${verify.lost} of ${verify.acknowledged} (found ${verify.found})`,
    '0',
    verify.lost === 0,
  );
  return rows;
}
