// One bounded load run on loopback with autocannon, with every response's time kept
// so p95 can be read (autocannon itself reports p90 and p97.5, not p95).
import autocannon from 'autocannon';

export type LoadResult = {
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
};

export type LoadOptions = {
  url: string;
  seconds: number;
  connections?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** For writes: a fresh body per request (n counts up). */
  body?: (n: number) => { path: string; body: string };
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

export function summarise(times: number[], seconds: number, errors: number, non2xx: number): LoadResult {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: times.length,
    seconds,
    reqPerSec: Math.round((times.length / seconds) * 10) / 10,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    non2xx,
  };
}

export function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let n = 0;
  const write = options.body;
  const requests: autocannon.Request[] | undefined = write
    ? [
        {
          setupRequest: (req) => {
            n += 1;
            const { path, body } = write(n);
            return { ...req, method: 'POST', path, body };
          },
        },
      ]
    : undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections ?? 50,
        duration: options.seconds,
        method: options.method ?? 'GET',
        // As a browser asks: the app compresses only what it keeps (a dashboard answer), pages stay as they are.
        headers: { 'accept-encoding': 'gzip, deflate, br', ...options.headers },
        requests,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve(summarise(times, options.seconds, result.errors + result.timeouts, result.non2xx));
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
    });
  });
}

/** Runs A and B alternately (A B A B …) so both see the same machine state; results per side. */
export async function alternate(
  rounds: number,
  a: () => Promise<LoadResult>,
  b: () => Promise<LoadResult>,
): Promise<[LoadResult, LoadResult]> {
  const as: LoadResult[] = [];
  const bs: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return [merge(as), merge(bs)];
}

/** Several runs of one side: throughput over the total time, the worst percentiles. */
export function merge(runs: LoadResult[]): LoadResult {
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  return {
    requests,
    seconds,
    reqPerSec: Math.round((requests / seconds) * 10) / 10,
    p50: Math.max(...runs.map((r) => r.p50)),
    p95: Math.max(...runs.map((r) => r.p95)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
  };
}
