// HTTP load on the app with autocannon: keep-alive connections, each answer read whole, the
// variants taken in turn. autocannon parses HTTP with far less CPU than node:http, which
// matters here because the load generator shares the 2 cores with the app and Postgres
// (a rare-word search at 8 clients: 18 ms p50 with node:http as the client, 13 ms with this).
import autocannon from 'autocannon';
import { type LoadResult, percentile } from './load-runner.ts';
import type { Params } from './query-mix.ts';

export function httpLoad(base: string, variants: Params[], connections: number, amount: number): Promise<LoadResult> {
  const paths = variants.map((v) => `/api/search?${new URLSearchParams(v)}`);
  const latencies: number[] = [];
  let notOk = 0;
  let next = 0;
  const start = performance.now();
  let lastAnswer = start;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        amount,
        timeout: 30,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        latencies.sort((a, b) => a - b);
        // autocannon ends a run on its one-second tick: time it to the last answer instead.
        const seconds = (lastAnswer - start) / 1000;
        resolve({
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          rps: latencies.length / seconds,
          errors: notOk + result.errors,
          requests: latencies.length,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      latencies.push(ms);
      lastAnswer = performance.now();
      if (statusCode !== 200) notOk++;
    });
  });
}
