import { assertMicros, catalogEntry, mulBps, type Micros } from "@411data/core";

export type ChargeTerms = {
  /** Lead-session base price, µUSD. */
  base: Micros;
  marginBps: number;
  /** Caller's budget: the charge never exceeds it. */
  budget: Micros;
  /** Bill-on-match: a session that found nothing charges nothing. */
  matched: boolean;
};

// The price is the catalog's: one definition for what the route lists, quotes and charges.
const entry = catalogEntry("enrich.lead_session");
export const LEAD_SESSION_BASE_MICROS: Micros = entry.price;
export const LEAD_SESSION_MARGIN_BPS: number = entry.marginBps!;

/**
 * SPEC §3 true-up: max(base, ⌈cogs × margin⌉), never above the budget; 0 without a match.
 * Integer µUSD throughout (mulBps rounds up so margin never undercharges by a µUSD).
 */
export function sessionCharge(cogs: Micros, terms: ChargeTerms): Micros {
  assertMicros(cogs);
  assertMicros(terms.base);
  assertMicros(terms.budget);
  if (cogs < 0 || terms.base < 0 || terms.budget < 0) throw new RangeError("amounts must not be negative");
  if (!terms.matched) return 0;
  return Math.min(terms.budget, Math.max(terms.base, mulBps(cogs, terms.marginBps)));
}

export type ChargeBreakdown = {
  charge: Micros;
  base: Micros;
  /** What the true-up adds above the base (0 when cogs × margin ≤ base). */
  true_up: Micros;
  marked_up_cogs: Micros;
  capped_by_budget: boolean;
};

export function chargeBreakdown(cogs: Micros, terms: ChargeTerms): ChargeBreakdown {
  const charge = sessionCharge(cogs, terms);
  const marked = mulBps(cogs, terms.marginBps);
  return {
    charge,
    base: terms.matched ? Math.min(terms.base, terms.budget) : 0,
    true_up: terms.matched ? Math.max(0, charge - Math.min(terms.base, terms.budget)) : 0,
    marked_up_cogs: marked,
    capped_by_budget: terms.matched && Math.max(terms.base, marked) > terms.budget,
  };
}
