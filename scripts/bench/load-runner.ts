// Runs one query type with N concurrent clients and measures each request.

export interface LoadResult {
  p50: number;
  p95: number;
  rps: number;
  errors: number;
  requests: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

/**
 * `requests` calls of `call(variant)` (variants taken in turn), `concurrency` at a time, or
 * fewer if `maxMs` runs out first.
 */
export async function load<V>(variants: V[], call: (v: V) => Promise<unknown>, concurrency: number, requests: number, maxMs = 30_000): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const deadline = start + maxMs;
  async function worker() {
    while (next < requests && performance.now() < deadline) {
      const v = variants[next++ % variants.length]!;
      const t = performance.now();
      try {
        await call(v);
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rps: latencies.length / seconds, errors, requests: latencies.length };
}
