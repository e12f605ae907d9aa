import { z } from "zod";

/**
 * Where a value came from, when, and how sure the source was. `source` is a vendor id
 * ("whitepages", "openai") or a URL the value was cited from; `confidence` is 0..1, mapped from
 * the vendor's own score so fields from different vendors can be compared and merged.
 */
export const Provenance = z.object({
  source: z.string().min(1),
  observed_at: z.string(),
  confidence: z.number().min(0).max(1),
});
export type Provenance = z.infer<typeof Provenance>;

export function sourced<T extends z.ZodType>(value: T) {
  return z.object({ value, provenance: Provenance });
}

export type Sourced<T> = { value: T; provenance: Provenance };

/** Vendor scores are 0..100 (Whitepages, most others); clamp and scale. Unknown → a neutral 0.5. */
export function scoreToConfidence(score: number | null | undefined): number {
  if (score === null || score === undefined || !Number.isFinite(score)) return 0.5;
  return Math.round(Math.min(100, Math.max(0, score))) / 100;
}
