// COGS of one research call in integer micro-USD (SPEC §3: no floats in money arithmetic).
// Prices are configuration; the defaults are list prices noted in research/enrichment.md §2.1
// and the vendor's pricing page at the time of writing: re-check them before relying on margins.

export type OpenAIPrices = {
  /** µUSD per 1,000,000 tokens. */
  inputPerMTok: number;
  cachedInputPerMTok: number;
  outputPerMTok: number;
  /** µUSD per `web_search` call ($10 / 1k calls = 10,000 µUSD). */
  perWebSearch: number;
};

export const OPENAI_WEB_SEARCH_FEE_MICRO_USD = 10_000;

export const OPENAI_MODEL_PRICES: Record<string, OpenAIPrices> = {
  "gpt-5": { inputPerMTok: 1_250_000, cachedInputPerMTok: 125_000, outputPerMTok: 10_000_000, perWebSearch: OPENAI_WEB_SEARCH_FEE_MICRO_USD },
  "gpt-5-mini": { inputPerMTok: 250_000, cachedInputPerMTok: 25_000, outputPerMTok: 2_000_000, perWebSearch: OPENAI_WEB_SEARCH_FEE_MICRO_USD },
  "gpt-4.1": { inputPerMTok: 2_000_000, cachedInputPerMTok: 500_000, outputPerMTok: 8_000_000, perWebSearch: OPENAI_WEB_SEARCH_FEE_MICRO_USD },
  "gpt-4.1-mini": { inputPerMTok: 400_000, cachedInputPerMTok: 100_000, outputPerMTok: 1_600_000, perWebSearch: OPENAI_WEB_SEARCH_FEE_MICRO_USD },
};

export const DEFAULT_OPENAI_MODEL = "gpt-5-mini";

/** Prices for a model; an unknown model falls back to the dearest known one so COGS errs high. */
export function pricesFor(model: string, override?: Partial<OpenAIPrices>): OpenAIPrices {
  const base = OPENAI_MODEL_PRICES[model] ?? OPENAI_MODEL_PRICES["gpt-5"];
  if (!base) throw new Error("price table is empty");
  return { ...base, ...override };
}

export type TokenUsage = { input_tokens: number; cached_input_tokens: number; output_tokens: number };

/**
 * Tokens at per-million rates, rounded up once over the sum, plus the per-search fee. Cached
 * tokens are a subset of input tokens; reasoning tokens are already inside output tokens.
 */
export function computeResearchCost(usage: TokenUsage, webSearches: number, prices: OpenAIPrices): number {
  for (const [k, v] of Object.entries({ ...usage, webSearches, ...prices })) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  const cached = BigInt(Math.min(usage.cached_input_tokens, usage.input_tokens));
  const uncached = BigInt(usage.input_tokens) - cached;
  const numerator =
    uncached * BigInt(prices.inputPerMTok) +
    cached * BigInt(prices.cachedInputPerMTok) +
    BigInt(usage.output_tokens) * BigInt(prices.outputPerMTok);
  const tokens = (numerator + 999_999n) / 1_000_000n;
  return Number(tokens + BigInt(webSearches) * BigInt(prices.perWebSearch));
}
