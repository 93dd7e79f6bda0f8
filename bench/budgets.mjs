// Budget rows (docs/architecture.md, "Performance budgets") from the raw results: one row per figure, with
// its budget and pass/miss where the architecture sets one. Sizes and gateway load here, browsers in
// budgets-browser.mjs.
import { browserRows } from './budgets-browser.mjs';
import { KB, atMost, kb, ms, verdict } from './stats.mjs';

export function budgetRows(results) {
  const rows = [];
  const { sizes, browsers, load } = results;
  const size = (figure, s, budget, ok) =>
    rows.push({
      section: 'size',
      figure,
      value: `${s.raw.toLocaleString('en')} B raw, ${kb(s.gzip)} gzip, ${(s.brotli / KB).toFixed(2)} KB brotli`,
      budget: budget ?? '',
      result: verdict(ok ?? null),
    });
  size(
    'cards-session.min.js (all that loads before ready)',
    sizes.loader,
    '≤ 14 KB gzip',
    sizes.loader.gzip <= 14 * KB,
  );
  size('frame document (real session)', sizes.frameDoc);
  size('frame.js', sizes.frameJs);
  size(
    `frame document + its scripts (${sizes.frameTotal.requests} requests)`,
    sizes.frameTotal,
    '≤ 14 KB gzip, ≤ 2 requests',
    sizes.frameTotal.gzip <= 14 * KB && sizes.frameTotal.requests <= 2,
  );
  const encodings = [sizes.loader, sizes.frameDoc, sizes.frameJs].map((s) => s.contentEncoding ?? 'identity');
  rows.push({
    section: 'size',
    figure: 'Content-Encoding served (loader, frame doc, frame.js; asked gzip, br)',
    value: encodings.join(', '),
    budget: '',
    result: '—',
  });
  for (const [name, b] of Object.entries(browsers)) {
    rows.push(...browserRows(name, b.series, { submit: true, strict: true }));
    if (b.throttled) rows.push(...browserRows(`${name}, CPU 4× slower`, b.throttled, { submit: false, strict: false }));
  }
  if (load) {
    const row = (figure, value, budget = '', ok = null) =>
      rows.push({ section: 'gateway load', figure, value, budget, result: verdict(ok) });
    const { run, verify } = load;
    const errs = (e) =>
      Object.entries(e)
        .map(([k, v]) => `${v}× ${k}`)
        .join(', ') || '0';
    row(
      'sessions created/s (POST /v1/sessions, 32 in flight)',
      `${run.created.perSecond.toFixed(0)}/s (p50 ${ms(run.created.latency.median)}, p99 ${ms(run.created.latency.p99)})`,
    );
    row(
      'frame documents/s (token issue, 32 in flight)',
      `${run.frames.perSecond.toFixed(0)}/s (p50 ${ms(run.frames.latency.median)}, p99 ${ms(run.frames.latency.p99)})`,
    );
    row(
      `CVN submits/s sustained, ${run.closed.concurrency} in flight (${run.closed.count})`,
      `${run.closed.perSecond.toFixed(0)}/s`,
      '≥ 1,000/s',
      run.closed.perSecond >= 1000,
    );
    row(
      `  latency at ${run.closed.concurrency} in flight, p50 / p99`,
      `${ms(run.closed.latency.median)} / ${ms(run.closed.latency.p99)}`,
    );
    row(
      `CVN submits offered at ${run.open.rate}/s (${run.open.count} done): achieved`,
      `${run.open.perSecond.toFixed(0)}/s`,
    );
    row(
      `  latency at ${run.open.rate}/s offered, p50`,
      ms(run.open.latency.median),
      '≤ 5 ms',
      atMost(run.open.latency.median, 5),
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
      '',
      null,
    );
    row(
      'acknowledged lost after kill -9 + restart',
      `${verify.lost} of ${verify.acknowledged} (found ${verify.found})`,
      '0',
      verify.lost === 0,
    );
  }
  return rows;
}
