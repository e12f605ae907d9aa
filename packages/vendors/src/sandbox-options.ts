import type { DatasetSizes } from "./dataset/generate.ts";

export type SandboxOptions = {
  /** Dataset seed; the same seed gives the same records everywhere. */
  seed?: number;
  sizes?: DatasetSizes;
  /** Added before every answer, for benchmarks (0 = answer at once). */
  latencyMs?: number;
  /** How long the `timeout` fault hangs; keep it above the adapter timeout. */
  hangMs?: number;
};

export const DEFAULT_HANG_MS = 60_000;

/** Waits `ms`, returning early when the request is aborted so no handler outlives its caller. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
