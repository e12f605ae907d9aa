import type { Context } from "hono";
import { ApiError, catalogEntry, type Micros, parseToken } from "@411data/core";
import { type LeadEnrichmentV1, parseLeadSessionRequest } from "@411data/lead-session";
import type { AppEnv } from "../../context.ts";
import { bearerOf } from "../../middleware/auth.ts";
import { afterPayment, executionOf } from "../billing/after-payment.ts";
import { type PaidAnswer, paidCall } from "../billing/paid-call.ts";
import { emitEventLater } from "../callbacks/events.ts";
import { continueLeadSession, leadValidationError, reconcileTurn, rememberPaidSession, runLeadSession, type SessionOutcome, sessionOf } from "./run.ts";

// One paid turn of a lead session, for the sync route (and any door that runs it): a new session
// from a lead, or a follow-up prompt on an interactive one, through the one paid wrapper; then the
// session's books, the warm cache and the owner's callbacks.

const entry = catalogEntry("enrich.lead_session");
const BASE: Micros = entry.price;
const HEADER_MAX_BUDGET: Micros = entry.ceiling!.max;

export interface LeadSessionTurnInput {
  lead?: unknown;
  max_rounds?: number | undefined;
  mode?: "auto" | "interactive" | undefined;
  session_id?: string | undefined;
  prompt?: string | undefined;
  /** The budget the caller named (already bounded), or null for the default. */
  budget: Micros | null;
}

export async function runPaidLeadSessionTurn(c: Context<AppEnv>, input: LeadSessionTurnInput): Promise<PaidAnswer<LeadEnrichmentV1>> {
  const { budget } = input;
  const deadline = Date.now() + c.get("config").LEAD_SESSION_SYNC_TIMEOUT_SEC * 1000;

  if (input.session_id === undefined) {
    // Validated before any money moves: a lead nothing can be looked up from is a free 400.
    let request;
    try {
      request = parseLeadSessionRequest(
        { lead: input.lead, max_rounds: input.max_rounds, mode: input.mode },
        // The budget was bounded above (body ≤ $20, header ≤ $50).
        { maxBudget: HEADER_MAX_BUDGET, ...(budget !== null ? { defaultBudget: budget } : {}) },
      );
    } catch (err) {
      leadValidationError(err);
    }
    let outcome: SessionOutcome | undefined;
    const paid = await unpaidTurnUndone(c, () => outcome, () =>
      paidCall(c, { routeId: "enrich.lead_session", hold: request.budget }, async ({ principal, mode, payer }) => {
        // An exact x402 payment is the base price, so it also bounds what the session may spend.
        const sessionBudget = mode === "x402_exact" ? Math.min(request.budget, BASE) : request.budget;
        outcome = await runLeadSession(c.env, { request: { ...request, budget: sessionBudget }, ownerId: principal?.agentId ?? null, payer, deadline });
        return paidWork(outcome);
      }),
    );
    await settleTurn(c, outcome!, paid.body);
    return paid;
  }

  const sessionId = input.session_id;
  const prompt = input.prompt!;
  let outcome: SessionOutcome | undefined;
  const hold = await followUpHold(c, sessionId, budget);
  const paid = await unpaidTurnUndone(c, () => outcome, () =>
    paidCall(c, { routeId: "enrich.lead_session", hold }, async ({ principal, mode, payer }) => {
      outcome = await continueLeadSession(c.env, sessionId, {
        ownerId: principal?.agentId ?? null,
        payer,
        prompt,
        deadline,
        ...(input.max_rounds !== undefined ? { extraRounds: input.max_rounds } : {}),
        ...(budget !== null ? { budget } : {}),
        ...(mode === "x402_exact" ? { turnCap: BASE } : {}),
      });
      return paidWork(outcome);
    }),
  );
  await settleTurn(c, outcome!, paid.body);
  return paid;
}

function paidWork(outcome: SessionOutcome) {
  return {
    matched: outcome.matched,
    charge: outcome.chargeDue,
    cogs: outcome.cogs,
    vendorHops: outcome.vendors,
    body: outcome.result,
  };
}

/**
 * The session booked `chargeDue` as billed; tell it what was really captured (0 on a no-match or a
 * lost hold). Then tell the owner's subscribers the turn is done, with what the caller got.
 */
async function settleTurn(c: Context<AppEnv>, outcome: SessionOutcome, answer: object) {
  const charged = c.get("log").chargedMicros ?? 0;
  const later = executionOf(c);
  // The turn is paid for: keeping the session's books and the warm cache is bookkeeping after the
  // money moved, retried in the background, never a reason to turn the paid answer into an error.
  await afterPayment(later, `lead session ${outcome.sessionId}: reconcile`, () => reconcileTurn(c.env, outcome.sessionId, outcome.chargeDue, charged));
  const agentId = c.get("log").agentId ?? null;
  if (agentId && charged > 0) {
    await afterPayment(later, `lead session ${outcome.sessionId}: warm cache`, () => rememberPaidSession(c.env, agentId, outcome.state));
  }
  if (agentId) {
    emitEventLater(c.executionCtx, c.env, {
      agentId,
      type: "lead.session_completed",
      dedupeKey: `${outcome.sessionId}:${outcome.turn}`,
      data: { session_id: outcome.sessionId, turn: outcome.turn, ...answer },
    });
  }
}

/**
 * When the turn ran but the call then failed (a refused x402 settlement, say), nothing was
 * collected: the session must not count the turn's charge as billed.
 */
async function unpaidTurnUndone<T>(c: Context<AppEnv>, ran: () => SessionOutcome | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const outcome = ran();
    if (outcome) await reconcileTurn(c.env, outcome.sessionId, outcome.chargeDue, 0);
    throw err;
  }
}

/** A follow-up holds what is left of the session's (possibly raised) budget. */
async function followUpHold(c: Context<AppEnv>, sessionId: string, raised: Micros | null): Promise<Micros> {
  const stored = await sessionOf(c.env, sessionId).read(ownerHint(c));
  if (!stored) throw new ApiError("NOT_FOUND", "no such lead session", { details: { session_id: sessionId } });
  if (stored.unpaid) {
    throw new ApiError("CONFLICT", "an earlier turn of this session was never paid for; start a new session", {
      details: { session_id: sessionId, next_action: "start a new session (omit session_id)" },
    });
  }
  const left = Math.max(raised ?? 0, stored.state.budget) - stored.billed;
  if (left <= 0) {
    // Said before the bearer is checked, so it names no amounts (the owner can read them in `cost`).
    throw new ApiError("VALIDATION_FAILED", "this session has spent its budget; send a higher budget_usd to continue", {
      details: { field: "budget_usd" },
    });
  }
  return left;
}

/** The agent id the bearer names (checked for real inside paidCall); null without one. */
function ownerHint(c: Context<AppEnv>): string | null {
  const token = bearerOf(c.req.header("authorization"));
  const parsed = token ? parseToken(token) : null;
  return parsed && parsed.kind !== "jobPoll" ? parsed.ownerId : null;
}
