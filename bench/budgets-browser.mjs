// Budget rows for one browser: requests before ready, ready times, loader evaluation, long tasks
// and submit(), each beside the floor field's figure from the same interleaved runs and as a
// ratio (or a difference) to it. The plain page is there for scale.
import { atMost, ms, pick, summary, verdict } from './stats.mjs';

const median = (runs, f) => summary(pick(runs, f)).median;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null);
const times = (r) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);
const plus = (d) => (Number.isFinite(d) ? `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} ms` : 'n/a');
/** "SDK a · floor b · c×": a timing beside the floor's, and their ratio. */
const vsFloor = (sdk, floor) => `SDK ${ms(sdk)} · floor ${ms(floor)} · ${times(ratio(sdk, floor))}`;

// Budget rows for one browser series (optionally CPU-throttled).
export function browserRows(section, series, { submit, strict }) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section, figure, value, budget, result: verdict(ok) });
  const { sdk, floor, plain, failures } = series;
  const gate = (ok) => (strict ? ok : null);
  row(
    'runs (SDK / floor / plain), failed',
    `${sdk.length} / ${floor.length} / ${plain.length}, ${failures.length} failed`,
    '',
    failures.length === 0 ? null : false,
  );
  if (strict) rows.push(...requestRows(section, sdk, floor));

  const ready = [median(sdk, (r) => r.loaderToReady), median(floor, (r) => r.loaderToReady)];
  const readyRatio = ratio(...ready);
  row(
    'ready: loader request start → ready, median',
    vsFloor(...ready),
    '≤ 1.3× floor',
    gate(readyRatio === null ? null : readyRatio <= 1.3),
  );
  const p95 = (runs) => summary(pick(runs, (r) => r.loaderToReady)).p95;
  row('ready: loader request start → ready, p95', vsFloor(p95(sdk), p95(floor)));
  row(
    'ready: navigation start → ready, median',
    vsFloor(
      median(sdk, (r) => r.navToReady),
      median(floor, (r) => r.navToReady),
    ),
  );
  const split = (runs, ...fs) => fs.map((f) => ms(median(runs, f))).join(' / ');
  const pageSplit = (runs) =>
    split(
      runs,
      (r) => r.loaderStart,
      (r) => r.loaderResponseEnd - r.loaderStart,
      (r) => r.loaderEval,
      (r) => r.frameStart - r.afterMark,
    );
  const frameSplit = (runs) =>
    split(
      runs,
      (r) => r.frame.responseEnd - r.frameStart,
      (r) => r.frame.domInteractive - r.frame.responseEnd,
      // null - null is 0 in JavaScript: a frame without a script file has no download time.
      (r) => (r.frame.jsEnd === null ? null : r.frame.jsEnd - r.frame.jsStart),
      (r) => r.frame.dcl - (r.frame.jsEnd ?? r.frame.domInteractive),
      (r) => r.ready - r.frame.dcl,
    );
  const pageParts = 'nav → loader request / loader download / loader eval / → frame request';
  row(`  split, merchant page (medians): ${pageParts}`, `SDK ${pageSplit(sdk)} · floor ${pageSplit(floor)}`);
  const frameParts = 'document response / → parsed / script download / → DOMContentLoaded / → ready';
  row(`  split, frame (medians): ${frameParts}`, `SDK ${frameSplit(sdk)} · floor ${frameSplit(floor)} (inline)`);
  row(
    '  page first byte (incl. server-side session create), median',
    vsFloor(
      median(sdk, (r) => r.responseStart),
      median(floor, (r) => r.responseStart),
    ),
  );
  const plainDcl = median(plain, (r) => r.navToDcl);
  row('plain page: navigation start → DOMContentLoaded, median (for scale)', ms(plainDcl));

  const evalMs = summary(pick(sdk, (r) => r.loaderEval));
  row(
    'loader evaluation, median (SDK p95 / max)',
    `${vsFloor(
      evalMs.median,
      median(floor, (r) => r.loaderEval),
    )} (${ms(evalMs.p95)} / ${ms(evalMs.max)})`,
    '≤ 12 ms',
    gate(atMost(evalMs.median, 12)),
  );
  rows.push(...longTaskRows(section, sdk, floor, gate));
  if (submit) rows.push(...submitRows(section, sdk, floor));
  return rows;
}

function longTaskRows(section, sdk, floor, gate) {
  const row = (figure, value, budget = '', ok = null) => ({ section, figure, value, budget, result: verdict(ok) });
  if (!sdk.some((r) => r.longtaskSupported))
    return [row('merchant main thread: long tasks', 'not measurable (no longtask entries in this browser)')];
  const describe = (runs) => {
    const longest = summary(pick(runs, (r) => r.longestTask)).max;
    const withLong = runs.filter((r) => r.longTasks > 0).length;
    const inLoader = runs.reduce((n, r) => n + r.longTasksDuringLoader, 0);
    return {
      withLong,
      text: `${withLong} / ${runs.length} (longest ${longest ? ms(longest) : '—'}, ${inLoader} in loader eval)`,
    };
  };
  const s = describe(sdk);
  return [
    row(
      'runs with a main-thread task ≥ 50 ms (to ready + 1 s)',
      `SDK ${s.text} · floor ${describe(floor).text}`,
      'none',
      gate(s.withLong === 0),
    ),
  ];
}

function submitRows(section, sdk, floor) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section, figure, value, budget, result: verdict(ok) });
  const of = (runs, k) =>
    median(
      runs.filter((r) => r.submit),
      (r) => r.submit[k],
    );
  row('submit, median', vsFloor(of(sdk, 'submit'), of(floor, 'submit')));
  row('plain fetch of the same endpoint from the frame, median', vsFloor(of(sdk, 'fetch'), of(floor, 'fetch')));
  const [sdkCost, floorCost] = [of(sdk, 'diff'), of(floor, 'diff')];
  row('submit − plain fetch per run, median', `SDK ${plus(sdkCost)} · floor ${plus(floorCost)}`);
  // The floor's endpoint is one local hop longer (bench/floor.mjs), so each submit is compared net
  // of a plain fetch of its own endpoint.
  row(
    'submit() − floor submit, net of each one’s plain fetch (medians)',
    plus(sdkCost - floorCost),
    '≤ +3 ms',
    atMost(sdkCost - floorCost, 3),
  );
  const part = (runs) =>
    ['toFrameFetch', 'frameFetch', 'backToPage', 'postMessageRtt'].map((k) => ms(of(runs, k))).join(' / ');
  row(
    '  split (medians): page → frame fetch start / the request / answer → page resolves / bare postMessage there and back',
    `SDK ${part(sdk)} · floor ${part(floor)}`,
  );
  return rows;
}

function requestRows(section, sdk, floor) {
  const rows = [];
  const row = (figure, value, budget = '', ok = null) =>
    rows.push({ section, figure, value, budget, result: verdict(ok) });
  const span = (runs, f) => {
    const xs = runs.map((x) => f(x.requests));
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    return { hi, text: lo === hi ? `${hi}` : `${lo}–${hi}` };
  };
  const both = (f) => `SDK ${span(sdk, f).text} · floor ${span(floor, f).text}`;
  const split = (runs) =>
    `${span(runs, (x) => x.total).text} (${span(runs, (x) => x.merchant).text} / ${span(runs, (x) => x.gateway).text})`;
  row('requests before ready: total (merchant origin / field origin)', `SDK ${split(sdk)} · floor ${split(floor)}`);
  row(
    'frame requests before ready (document + its files)',
    both((x) => x.byFrame),
    '≤ 2',
    span(sdk, (x) => x.byFrame).hi <= 2,
  );
  row(
    'API calls from the merchant page before ready',
    span(sdk, (x) => x.pageApiCalls).text,
    'none',
    span(sdk, (x) => x.pageApiCalls).hi === 0,
  );
  row(
    'requests in the 1 s after ready',
    both((x) => x.afterReady),
  );
  return rows;
}
