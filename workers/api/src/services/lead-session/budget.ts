import { ApiError, catalogEntry, type Micros, MoneyParseError, parseUsd, toUsd } from "@411data/core";
import { SYNC_MAX_BUDGET_MICROS } from "@411data/lead-session";
import { SESSION_BUDGET_HEADER } from "../../schemas/lead-session.ts";

const entry = catalogEntry("enrich.lead_session");
const BASE: Micros = entry.price;
const HEADER_MAX_BUDGET: Micros = entry.ceiling!.max;

/**
 * The budget a sync turn asks for: the session header's (≤ $50) or the body's (≤ $20), at least the
 * base price; null when neither names one. A bad value is a free 400, before any money moves.
 */
export function requestedBudget(header: string | undefined, bodyBudget: number | string | undefined): Micros | null {
  const [raw, max, field] = header !== undefined
    ? [header.trim(), HEADER_MAX_BUDGET, SESSION_BUDGET_HEADER]
    : [bodyBudget, SYNC_MAX_BUDGET_MICROS, "budget_usd"];
  if (raw === undefined) return null;
  let budget: Micros;
  try {
    budget = parseUsd(raw);
  } catch (err) {
    if (err instanceof MoneyParseError) throw new ApiError("VALIDATION_FAILED", `${field}: ${err.message}`, { details: { field } });
    throw err;
  }
  if (budget < BASE || budget > max) {
    throw new ApiError("VALIDATION_FAILED", `${field} must be from ${toUsd(BASE)} (the base price) to ${toUsd(max)}`, {
      details: { field, min_usd: toUsd(BASE), max_usd: toUsd(max), ...(header === undefined ? { header_max_usd: toUsd(HEADER_MAX_BUDGET), header: SESSION_BUDGET_HEADER } : {}) },
    });
  }
  return budget;
}
