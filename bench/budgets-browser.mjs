// Budget rows for one browser: requests before ready, ready times against the plain page, loader
// evaluation, long tasks, and submit() against a plain fetch.
import { atMost, ms, pick, summary, verdict } from './stats.mjs';

// Budget rows for one browser series (optionally CPU-throttled).
export function browserRows(section, series, { submit, strict }) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section, figure, value, budget, result: verdict(ok) });
  const { sdk, plain, failures } = series;
  const loaderToReady = summary(pick(sdk, (r) => r.loaderToReady));
  const navToReady = summary(pick(sdk, (r) => r.navToReady));
  const plainDcl = summary(pick(plain, (r) => r.navToDcl));
  const evalMs = summary(pick(sdk, (r) => r.loaderEval));
  const ratio = navToReady.median / plainDcl.median;
  const gate = (ok) => (strict ? ok : null);
  row(
    'runs (SDK / plain), failed',
    `${sdk.length} / ${plain.length}, ${failures.length} failed`,
    '',
    failures.length === 0 ? null : false,
  );
  if (strict) rows.push(...requestRows(section, sdk));
  row(
    'ready: loader request start → ready, median',
    ms(loaderToReady.median),
    '≤ 200 ms',
    gate(atMost(loaderToReady.median, 200)),
  );
  row('ready: loader request start → ready, p95', ms(loaderToReady.p95));
  row('ready: navigation start → ready, median / p95', `${ms(navToReady.median)} / ${ms(navToReady.p95)}`);
  const split = (...fs) => fs.map((f) => ms(summary(sdk.map(f)).median)).join(' / ');
  row(
    '  split, merchant page (medians): nav → loader request / loader download / loader eval / → frame request',
    split(
      (r) => r.loaderStart,
      (r) => r.loaderResponseEnd - r.loaderStart,
      (r) => r.loaderEval,
      (r) => r.frameStart - r.afterMark,
    ),
  );
  row(
    '  split, frame (medians): document response / → parsed (process + commit) / frame.js download / → DOMContentLoaded / → ready',
    split(
      (r) => r.frame.responseEnd - r.frameStart,
      (r) => r.frame.domInteractive - r.frame.responseEnd,
      (r) => r.frame.jsEnd - r.frame.jsStart,
      (r) => r.frame.dcl - r.frame.jsEnd,
      (r) => r.ready - r.frame.dcl,
    ),
  );
  row(
    '  SDK page first byte (incl. server-side session create), median',
    `${ms(summary(pick(sdk, (r) => r.responseStart)).median)} (${ms(summary(pick(sdk, (r) => r.sessionCreate)).median)})`,
  );
  row('plain page: navigation start → DOMContentLoaded, median / p95', `${ms(plainDcl.median)} / ${ms(plainDcl.p95)}`);
  row('ratio SDK nav→ready / plain nav→DCL (medians)', `${ratio.toFixed(2)}×`, '≤ 4×', gate(atMost(ratio, 4)));
  row('ratio SDK loader→ready / plain nav→DCL (medians)', `${(loaderToReady.median / plainDcl.median).toFixed(2)}×`);
  row(
    'loader evaluation, median / p95 / max',
    `${ms(evalMs.median)} / ${ms(evalMs.p95)} / ${ms(evalMs.max)}`,
    '≤ 12 ms (median)',
    gate(atMost(evalMs.median, 12)),
  );
  if (sdk.some((r) => r.longtaskSupported)) {
    const longest = summary(pick(sdk, (r) => r.longestTask));
    const withLong = sdk.filter((r) => r.longTasks > 0).length;
    const inLoader = sdk.reduce((n, r) => n + r.longTasksDuringLoader, 0);
    const all = sdk.reduce((n, r) => n + r.longTasks, 0);
    row(
      'merchant main thread: runs with a task ≥ 50 ms (to ready + 1 s)',
      `${withLong} / ${sdk.length}; longest ${longest.max ? ms(longest.max) : 'none ≥ 50 ms'}; ${inLoader} of ${all} during loader evaluation`,
      'no SDK task ≥ 50 ms',
      gate(withLong === 0),
    );
  } else row('merchant main thread: long tasks', 'not measurable (no longtask entries in this browser)');
  if (submit) {
    const s = pick(sdk, (r) => r.submit).filter(Boolean);
    const sub = summary(s.map((x) => x.submit));
    const fet = summary(s.map((x) => x.fetch));
    const diff = summary(s.map((x) => x.diff));
    row('submit(), median / p95', `${ms(sub.median)} / ${ms(sub.p95)}`);
    row('plain fetch in a frame, median / p95', `${ms(fet.median)} / ${ms(fet.p95)}`);
    row(
      'submit() − fetch per run, median / p95',
      `${ms(diff.median)} / ${ms(diff.p95)}`,
      'median ≤ +5 ms',
      atMost(diff.median, 5),
    );
    const part = (k) => ms(summary(s.map((x) => x[k])).median);
    row(
      '  submit() split: page → frame fetch start / the request / JSON read → page resolves, medians',
      `${part('toFrameFetch')} / ${part('frameFetch')} / ${part('backToPage')}`,
    );
    row('  for scale: bare postMessage page → frame → page, median', part('postMessageRtt'));
  }
  return rows;
}

function requestRows(section, sdk) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section, figure, value, budget, result: verdict(ok) });
  const r = sdk.map((x) => x.requests);
  const max = (f) => Math.max(...r.map(f));
  const min = (f) => Math.min(...r.map(f));
  const span = (f) => (min(f) === max(f) ? `${max(f)}` : `${min(f)}–${max(f)}`);
  row(
    'requests before ready: total (merchant origin / gateway)',
    `${span((x) => x.total)} (${span((x) => x.merchant)} / ${span((x) => x.gateway)})`,
  );
  row(
    'frame requests before ready (document + its scripts)',
    span((x) => x.byFrame),
    '≤ 2',
    max((x) => x.byFrame) <= 2,
  );
  row(
    'API calls from the merchant page before ready',
    span((x) => x.pageApiCalls),
    'none',
    max((x) => x.pageApiCalls) === 0,
  );
  row(
    'requests in the 1 s after ready',
    span((x) => x.afterReady),
  );
  return rows;
}
