import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, catalogEntry, type Micros, MoneyParseError, parseToken, parseUsd, toUsd } from "@411data/core";
import { parseLeadSessionRequest, SYNC_MAX_BUDGET_MICROS } from "@411data/lead-session";
import type { AppEnv } from "../../../context.ts";
import { errorResponses } from "../../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../../http/payment-info.ts";
import { bearerOf } from "../../../middleware/auth.ts";
import { afterPayment, executionOf } from "../../../services/billing/after-payment.ts";
import { paidCall } from "../../../services/billing/paid-call.ts";
import { emitEventLater } from "../../../services/callbacks/events.ts";
import {
  continueLeadSession,
  leadValidationError,
  reconcileTurn,
  rememberPaidSession,
  runLeadSession,
  type SessionOutcome,
  sessionOf,
} from "../../../services/lead-session/run.ts";
import { bearerSecurity } from "../schemas.ts";
import { LeadSessionBody, LeadSessionResult, SESSION_BUDGET_HEADER } from "./schemas.ts";

const entry = catalogEntry("enrich.lead_session");
const BASE: Micros = entry.price;
const HEADER_MAX_BUDGET: Micros = entry.ceiling!.max;

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/lead-session",
  operationId: "enrichLeadSession",
  tags: ["enrich"],
  summary: "Agentic multi-tool enrichment of one CRM lead into a lead_enrichment_v1 graph ($1.500 base on match; COGS × 1.30 above it, up to budget_usd)",
  description:
    "Starts a session from a free-form `lead`, or continues an interactive one with `session_id` + `prompt`. " +
    "The balance path holds the budget and captures the session charge; the x402 path pays the $1.50 base per turn, which then caps the turn.",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.lead_session"),
  request: { body: { content: { "application/json": { schema: LeadSessionBody } }, required: true } },
  responses: {
    200: { description: "The graph with provenance, rounds used, cost and a billing block", content: { "application/json": { schema: LeadSessionResult } } },
    ...paidRouteResponses("enrich.lead_session"),
    ...errorResponses,
  },
});

export function registerLeadSessionStart(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const budget = requestedBudget(c, body.budget_usd);
    const config = c.get("config");
    const deadline = Date.now() + config.LEAD_SESSION_SYNC_TIMEOUT_SEC * 1000;

    if (body.session_id === undefined) {
      // Validated before any money moves: a lead nothing can be looked up from is a free 400.
      let request;
      try {
        request = parseLeadSessionRequest(
          { lead: body.lead, max_rounds: body.max_rounds, mode: body.mode },
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
      return c.json(paid.body, 200, paid.headers);
    }

    const sessionId = body.session_id;
    const prompt = body.prompt!;
    let outcome: SessionOutcome | undefined;
    const hold = await followUpHold(c, sessionId, budget);
    const paid = await unpaidTurnUndone(c, () => outcome, () =>
      paidCall(c, { routeId: "enrich.lead_session", hold }, async ({ principal, mode, payer }) => {
        outcome = await continueLeadSession(c.env, sessionId, {
          ownerId: principal?.agentId ?? null,
          payer,
          prompt,
          deadline,
          ...(body.max_rounds !== undefined ? { extraRounds: body.max_rounds } : {}),
          ...(budget !== null ? { budget } : {}),
          ...(mode === "x402_exact" ? { turnCap: BASE } : {}),
        });
        return paidWork(outcome);
      }),
    );
    await settleTurn(c, outcome!, paid.body);
    return c.json(paid.body, 200, paid.headers);
  });
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

/** Budget from the session header (≤ $50) or the body (≤ $20); null when neither names one. */
function requestedBudget(c: Context<AppEnv>, bodyBudget: number | string | undefined): Micros | null {
  const header = c.req.header(SESSION_BUDGET_HEADER);
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
