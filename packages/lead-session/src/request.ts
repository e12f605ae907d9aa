import { z } from "zod";
import { parseUsd, MoneyParseError, type Micros } from "@411data/core";
import { LeadInput, LeadValidationError, parseLead, type NormalizedLead } from "./lead.ts";
import { DEFAULT_MAX_ROUNDS, MAX_ROUNDS_LIMIT } from "./session.ts";
import type { SessionMode } from "./state.ts";

// Request body of POST /api/v1/enrich/lead-session (and a lead-session job's payload).

export const DEFAULT_BUDGET_MICROS: Micros = 2_000_000;
/** Sync calls cap budget_usd at $20 (SPEC §1); the session header / jobs may allow up to $50. */
export const SYNC_MAX_BUDGET_MICROS: Micros = 20_000_000;

export const LeadSessionRequest = z.object({
  lead: LeadInput,
  budget_usd: z.union([z.number(), z.string()]).optional().describe("USD ceiling on the session charge (number or decimal string); default 2.00"),
  max_rounds: z.number().int().min(1).max(MAX_ROUNDS_LIMIT).default(DEFAULT_MAX_ROUNDS),
  mode: z.enum(["auto", "interactive"]).default("auto"),
});
export type LeadSessionRequest = z.infer<typeof LeadSessionRequest>;

export type ParsedLeadSessionRequest = { lead: NormalizedLead; budget: Micros; maxRounds: number; mode: SessionMode };

/** Validates a request body; every failure is a LeadValidationError (VALIDATION_FAILED, not billed). */
export function parseLeadSessionRequest(body: unknown, opts: { maxBudget?: Micros; defaultBudget?: Micros } = {}): ParsedLeadSessionRequest {
  const r = LeadSessionRequest.safeParse(body);
  if (!r.success) {
    throw new LeadValidationError("invalid lead-session request", r.error.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message })));
  }
  let budget = opts.defaultBudget ?? DEFAULT_BUDGET_MICROS;
  if (r.data.budget_usd !== undefined) {
    try {
      budget = parseUsd(r.data.budget_usd);
    } catch (e) {
      if (e instanceof MoneyParseError) throw new LeadValidationError(`budget_usd: ${e.message}`, [{ path: "budget_usd", message: e.message }]);
      throw e;
    }
  }
  const max = opts.maxBudget ?? SYNC_MAX_BUDGET_MICROS;
  if (budget > max) {
    throw new LeadValidationError(`budget_usd must be at most ${max / 1_000_000}`, [{ path: "budget_usd", message: "above the maximum" }]);
  }
  return { lead: parseLead(r.data.lead), budget, maxRounds: r.data.max_rounds, mode: r.data.mode };
}
