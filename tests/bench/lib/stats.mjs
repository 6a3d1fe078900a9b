// Timing helpers shared by the bench pages (performance.now()). µs-scale work is timed in batches
// of runs per sample (at least 10, more when one run is too short for the timer to see) and
// divided, so each sample is an average over its batch.

/** min, p50, p95, max and mean of a list of numbers. */
export function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, min: s[0], p50: q(0.5), p95: q(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** The smallest step performance.now() shows here, in µs (5 µs when cross-origin isolated, else 100 µs). */
export function timerResolutionUs() {
  let best = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return best * 1000;
}

/**
 * Time a synchronous function: warm up, pick the runs per sample so one sample lasts at least
 * `minSampleMs`, then take `samples` samples. Numbers in µs per run.
 */
export function timeSync(fn, { samples = 150, minRuns = 10, minSampleMs = 2, warmupMs = 300 } = {}) {
  const w0 = performance.now();
  let warm = 0;
  while (performance.now() - w0 < warmupMs || warm < 20) { fn(); warm++; }
  const perRunMs = (performance.now() - w0) / warm;
  const runs = Math.max(minRuns, Math.ceil(minSampleMs / perRunMs));
  const xs = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    for (let i = 0; i < runs; i++) fn();
    xs.push(((performance.now() - t) * 1000) / runs);
  }
  return { ...summary(xs), runsPerSample: runs, runs: runs * samples };
}

/** The same for a function that returns a promise (json-rules-engine). */
export async function timeAsync(fn, { samples = 150, minRuns = 10, minSampleMs = 2, warmupMs = 300 } = {}) {
  const w0 = performance.now();
  let warm = 0;
  while (performance.now() - w0 < warmupMs || warm < 20) { await fn(); warm++; }
  const perRunMs = (performance.now() - w0) / warm;
  const runs = Math.max(minRuns, Math.ceil(minSampleMs / perRunMs));
  const xs = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    for (let i = 0; i < runs; i++) await fn();
    xs.push(((performance.now() - t) * 1000) / runs);
  }
  return { ...summary(xs), runsPerSample: runs, runs: runs * samples };
}

/** Score a whole batch in one go, `repeats` times; each total in ms. */
export function timeBatch(fn, items, repeats = 5) {
  const xs = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    for (let i = 0; i < items.length; i++) fn(items[i]);
    xs.push(performance.now() - t);
  }
  return { ...summary(xs), items: items.length, repeats };
}

/** The same for a function that returns a promise, awaited one after the other. */
export async function timeBatchAsync(fn, items, repeats = 5) {
  const xs = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    for (let i = 0; i < items.length; i++) await fn(items[i]);
    xs.push(performance.now() - t);
  }
  return { ...summary(xs), items: items.length, repeats };
}
