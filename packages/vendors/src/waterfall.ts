import { VendorError, type VendorErrorKind } from "./errors.ts";

// Try vendors in order until one matches (SPEC §9): the caller pays one price, on match only,
// while we keep a record of every hop (and what each cost us) for the request log.

export type WaterfallStep<T> = {
  vendor: string;
  run: (signal?: AbortSignal) => Promise<T>;
};

export type WaterfallHop = {
  vendor: string;
  outcome: "match" | "miss" | "error";
  latency_ms: number;
  cost_micro_usd: number;
  error?: { kind: VendorErrorKind; reason: string; message: string; status?: number; retry_after_sec?: number };
};

export type WaterfallResult<T> = {
  matched: boolean;
  /** Vendor whose answer is returned: the match, or the last vendor that answered a miss. */
  vendor: string | null;
  value: T | null;
  hops: WaterfallHop[];
  cost_micro_usd: number;
};

export type WaterfallOptions<T> = {
  isMatch: (value: T) => boolean;
  /** COGS of one answer, match or miss (some vendors bill misses). */
  costOf?: (value: T) => number;
  signal?: AbortSignal;
};

/** Thrown when every vendor failed: nobody said "no match", so this is an outage, not a miss. */
export class WaterfallExhaustedError extends VendorError {
  readonly hops: WaterfallHop[];
  constructor(last: VendorError, hops: WaterfallHop[]) {
    const retryAfterSec = minRetry(hops);
    super({
      vendor: last.vendor,
      kind: last.kind,
      reason: last.reason,
      message: `all vendors failed (${hops.map((h) => h.vendor).join(", ")}); last: ${last.message}`,
      ...(last.status === undefined ? {} : { status: last.status }),
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
      cause: last,
    });
    this.hops = hops;
  }
}

function minRetry(hops: WaterfallHop[]): number | undefined {
  const all = hops.map((h) => h.error?.retry_after_sec).filter((n): n is number => n !== undefined);
  return all.length ? Math.min(...all) : undefined;
}

export async function waterfall<T>(steps: WaterfallStep<T>[], opts: WaterfallOptions<T>): Promise<WaterfallResult<T>> {
  const hops: WaterfallHop[] = [];
  let miss: { vendor: string; value: T } | null = null;
  let lastError: VendorError | null = null;
  const total = (): number => hops.reduce((s, h) => s + h.cost_micro_usd, 0);

  for (const step of steps) {
    if (opts.signal?.aborted) break;
    const started = Date.now();
    try {
      const value = await step.run(opts.signal);
      const cost = opts.costOf?.(value) ?? 0;
      if (opts.isMatch(value)) {
        hops.push({ vendor: step.vendor, outcome: "match", latency_ms: Date.now() - started, cost_micro_usd: cost });
        return { matched: true, vendor: step.vendor, value, hops, cost_micro_usd: total() };
      }
      hops.push({ vendor: step.vendor, outcome: "miss", latency_ms: Date.now() - started, cost_micro_usd: cost });
      miss = { vendor: step.vendor, value };
    } catch (e) {
      // Only vendor failures move the waterfall on; anything else is our bug and must surface.
      if (!(e instanceof VendorError)) throw e;
      lastError = e;
      hops.push({
        vendor: step.vendor,
        outcome: "error",
        latency_ms: Date.now() - started,
        cost_micro_usd: 0,
        error: {
          kind: e.kind,
          reason: e.reason,
          message: e.message,
          ...(e.status === undefined ? {} : { status: e.status }),
          ...(e.retryAfterSec === undefined ? {} : { retry_after_sec: e.retryAfterSec }),
        },
      });
    }
  }
  if (miss) return { matched: false, vendor: miss.vendor, value: miss.value, hops, cost_micro_usd: total() };
  if (lastError) throw new WaterfallExhaustedError(lastError, hops);
  return { matched: false, vendor: null, value: null, hops, cost_micro_usd: 0 };
}
