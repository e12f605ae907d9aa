// One fixed-size load run with autocannon: a number of requests over a number of connections.
import autocannon from "autocannon";

export interface LoadSpec {
  url: string;
  method?: "GET" | "POST";
  body?: unknown;
  /** One bearer for every connection, or one per connection (round robin). */
  bearers?: string[];
  requests: number;
  connections: number;
}

export interface LoadResult {
  requests: number;
  connections: number;
  /** Completed requests per second over the whole run. */
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  /** The vendor's own time inside the call (`metadata.latency_ms`), p50, where answers report it. */
  vendorP50?: number;
  /** One non-2xx answer from the same request, when there were any. */
  sampleError?: string;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const bearers = spec.bearers ?? [];
  let next = 0;
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    connections: spec.connections,
    amount: spec.requests,
    timeout: 60,
    headers: { "content-type": "application/json" },
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
    setupClient: (client) => {
      const bearer = bearers[next++ % Math.max(bearers.length, 1)];
      if (bearer) client.setHeaders({ "content-type": "application/json", authorization: `Bearer ${bearer}` });
    },
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]));
  // A run that was not all 2xx measured something else; keep one such answer to say what.
  const sampleError = result.non2xx > 0 ? await probe(spec) : undefined;
  const completed = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests: spec.requests,
    connections: spec.connections,
    rps: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
    ...(sampleError ? { sampleError } : {}),
  };
}

async function probe(spec: LoadSpec): Promise<string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (spec.bearers?.[0]) headers.authorization = `Bearer ${spec.bearers[0]}`;
  const res = await fetch(spec.url, { method: spec.method ?? "GET", headers, ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}) });
  return `${res.status} ${(await res.text()).slice(0, 300)}`;
}

/** Latency of one request at a time (no queueing), timed in-process to the microsecond. */
export async function sequential(spec: Omit<LoadSpec, "connections">): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let sampleError: string | undefined;
  const vendor: number[] = [];
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (spec.bearers?.[0]) headers.authorization = `Bearer ${spec.bearers[0]}`;
  const init: RequestInit = { method: spec.method ?? "GET", headers, ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}) };
  const started = performance.now();
  for (let i = 0; i < spec.requests; i++) {
    const t0 = performance.now();
    const res = await fetch(spec.url, init);
    const text = await res.text();
    if (!res.ok) sampleError ??= `${res.status} ${text.slice(0, 300)}`;
    const vendorMs = res.ok && text.startsWith("{") ? (JSON.parse(text) as { metadata?: { latency_ms?: unknown } }).metadata?.latency_ms : undefined;
    if (typeof vendorMs === "number") vendor.push(vendorMs);
    times.push(performance.now() - t0);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const non2xx = Object.entries(statuses).filter(([s]) => !s.startsWith("2")).reduce((a, [, n]) => a + n, 0);
  return {
    requests: spec.requests,
    connections: 1,
    rps: spec.requests / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    non2xx,
    errors: 0,
    statuses,
    ...(vendor.length > 0 ? { vendorP50: percentile(vendor, 50) } : {}),
    ...(sampleError ? { sampleError } : {}),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
