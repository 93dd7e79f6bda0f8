// The budget rows: each target read against the floor of the same run, at its edges.
import { describe, expect, it } from 'vitest';
import { budgetRows } from './budgets.mjs';

const size = (gzip, requests = 1) => ({
  requests,
  raw: gzip * 3,
  gzip,
  brotli: gzip - 100,
  wire: gzip - 100,
  encodings: 'br',
  files: Array.from({ length: requests }, (_, i) => ({ url: `http://g/f${i}.js`, raw: gzip * 3 })),
});

// One interleaved run of a field page: ready `ready` ms after its loader request, submit `diff` ms
// slower than a plain fetch.
const field = (ready, diff, evalMs = 5) => ({
  loaderToReady: ready,
  navToReady: ready + 40,
  loaderStart: 40,
  loaderResponseEnd: 50,
  loaderEval: evalMs,
  afterMark: 55,
  frameStart: 56,
  ready: ready + 40,
  responseStart: 10,
  frame: { responseEnd: 70, domInteractive: 90, jsStart: 91, jsEnd: 95, dcl: 100 },
  longtaskSupported: true,
  longestTask: 0,
  longTasks: 0,
  longTasksDuringLoader: 0,
  requests: { total: 4, merchant: 1, gateway: 3, byFrame: 2, pageApiCalls: 0, afterReady: 0 },
  submit: { submit: 20 + diff, fetch: 20, diff, toFrameFetch: 1, frameFetch: 18, backToPage: 1, postMessageRtt: 1 },
});

function results({ sdkReady = 130, floorReady = 100, sdkDiff = 4, floorDiff = 1, gzip = 14000, gateway = 700 } = {}) {
  const rate = (perSecond) => ({ perSecond, count: 100, latency: { median: 5, p99: 50 } });
  return {
    sizes: {
      source: 'network log, chromium',
      built: [{ path: 'packages/sdk/dist/f0.js', raw: gzip * 3, gzip, brotli: gzip - 100 }],
      sdk: { page: size(gzip), frame: size(gzip, 2) },
      floor: { page: size(500), frame: size(500) },
    },
    browsers: {
      chromium: {
        version: '1',
        series: {
          sdk: [field(sdkReady, sdkDiff)],
          floor: [field(floorReady, floorDiff)],
          plain: [{ navToDcl: 40, responseStart: 5 }],
          failures: [],
        },
      },
    },
    load: {
      run: {
        created: rate(500),
        frames: rate(500),
        closed: { ...rate(gateway), concurrency: 32, errors: {} },
        open: { ...rate(1000), rate: 1000, sendLag: { p99: 1, max: 2 }, errors: {} },
        prepareErrors: {},
      },
      verify: { lost: 0, acknowledged: 100, found: 100 },
      writeFloor: { concurrency: 32, group: { ...rate(1000), meanBatch: 10 }, each: { ...rate(150), meanBatch: 1 } },
    },
  };
}

const result = (rows, figure) => rows.find((r) => r.figure.startsWith(figure))?.result;

describe('budgetRows', () => {
  it('ready passes at exactly 1.3× the floor and misses above it', () => {
    expect(result(budgetRows(results({ sdkReady: 130 })), 'ready: loader request start → ready, median')).toBe('pass');
    expect(result(budgetRows(results({ sdkReady: 131 })), 'ready: loader request start → ready, median')).toBe(
      '**miss**',
    );
  });

  it('submit() is held to the floor + 3 ms, each net of its own plain fetch', () => {
    const rows = budgetRows(results({ sdkDiff: 4, floorDiff: 1 }));
    expect(rows.find((r) => r.figure.startsWith('submit() − floor submit')).value).toBe('+3.0 ms');
    expect(result(rows, 'submit() − floor submit')).toBe('pass');
    expect(result(budgetRows(results({ sdkDiff: 4.5, floorDiff: 1 })), 'submit() − floor submit')).toBe('**miss**');
  });

  it('14 KB gzip is 14,000 B: at it passes, a byte over misses', () => {
    const first = 'everything the merchant page loads before ready';
    expect(result(budgetRows(results({ gzip: 14000 })), first)).toBe('pass');
    expect(result(budgetRows(results({ gzip: 14001 })), first)).toBe('**miss**');
  });

  it('the frame misses in more than 2 requests whatever its size', () => {
    const r = results({ gzip: 1000 });
    r.sizes.sdk.frame = size(1000, 3);
    expect(result(budgetRows(r), 'frame document + its files')).toBe('**miss**');
  });

  it('the gateway is held to 0.7× its group-commit write floor and to 1,000/s', () => {
    expect(result(budgetRows(results({ gateway: 700 })), 'gateway submits/s ÷ write-path floor')).toBe('pass');
    expect(result(budgetRows(results({ gateway: 699 })), 'gateway submits/s ÷ write-path floor')).toBe('**miss**');
    expect(result(budgetRows(results({ gateway: 700 })), 'CVN submits/s sustained')).toBe('**miss**');
  });

  it('a figure that could not be measured is neither pass nor miss', () => {
    const r = results();
    r.browsers.chromium.series.floor = [{ ...field(100, 1), loaderToReady: null }];
    expect(result(budgetRows(r), 'ready: loader request start → ready, median')).toBe('—');
  });

  it('a served script that is not the built file is a miss', () => {
    const r = results();
    r.sizes.sdk.page.files[0].raw += 1;
    expect(result(budgetRows(r), 'scripts served (identity) are the built files')).toBe('**miss**');
  });
});
