// Percentiles, and how the report prints numbers.

export const KB = 1000; // as size-limit (bytes-iec) reads "14 KB"
export const ms = (v) => (v === null || v === undefined ? 'n/a' : `${v.toFixed(1)} ms`);
export const kb = (v) => `${(v / KB).toFixed(2)} KB (${v.toLocaleString('en')} B)`;
// A figure that could not be measured is neither a pass nor a miss.
export const atMost = (v, limit) => (Number.isFinite(v) ? v <= limit : null);
export const verdict = (ok) => (ok === null ? '—' : ok ? 'pass' : '**miss**');
export const pick = (runs, key) => runs.map((r) => key(r)).filter((v) => v !== null && v !== undefined);

/** Nearest-rank percentile of numbers (unsorted input is fine); null for an empty list. */
function percentile(values, p) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const rank = Math.ceil((p / 100) * xs.length);
  return xs[Math.min(xs.length - 1, Math.max(0, rank - 1))];
}

export function summary(values) {
  const xs = values.filter((v) => Number.isFinite(v));
  return {
    n: xs.length,
    median: percentile(xs, 50),
    p95: percentile(xs, 95),
    p99: percentile(xs, 99),
    min: xs.length ? Math.min(...xs) : null,
    max: xs.length ? Math.max(...xs) : null,
  };
}
