import { ApiError, type Micros, newSessionId } from "@411data/core";
import {
  graphFound,
  graphMatched,
  type LeadEnrichmentV1,
  type LeadSessionState,
  leadIdentityKey,
  LeadValidationError,
  type ParsedLeadSessionRequest,
  toLeadEnrichmentV1,
} from "@411data/lead-session";
import type { FollowUpTurn, LeadSession, TurnResult } from "../../../../../durable-objects/lead-session.ts";
import { loadConfig } from "../../config.ts";
import { enabledCatalogRoutes } from "../catalog-routes.ts";
import { readWarmSeed, writeWarmSeed } from "./warm-cache.ts";

// Starting and continuing lead sessions, for the sync route and the jobs runner alike. The session
// itself lives in its LeadSession object; this decides its inputs (warm seed, deadline) and turns
// the object's answer into what callers bill and return.

export interface SessionOutcome {
  result: LeadEnrichmentV1;
  matched: boolean;
  /** Session charge so far and what this turn owes on top of earlier turns. */
  chargeTotal: Micros;
  chargeDue: Micros;
  /** COGS of this turn alone. */
  cogs: Micros;
  vendors: string[];
  sessionId: string;
  /** 1 for the first turn, then one more per follow-up. */
  turn: number;
  /** The session as this turn left it (what the warm-seed cache keeps once the turn is paid). */
  state: LeadSessionState;
}

export function sessionOf(env: Env, sessionId: string): DurableObjectStub<LeadSession> {
  return env.LEAD_SESSION.getByName(sessionId);
}

export interface StartOptions {
  request: ParsedLeadSessionRequest;
  ownerId: string | null;
  /** The wallet paying an anonymous session (x402): the only one that may continue it. */
  payer?: string | null;
  /** A caller-chosen id (a job stores its own, random, so a redelivered message finds the same session). */
  sessionId?: string;
  /** Epoch ms after which no new round starts. */
  deadline?: number;
}

/** Starts a session (warm-seeded from the owner's recent hunt of the same lead) and runs it to a stop. */
export async function runLeadSession(env: Env, opts: StartOptions): Promise<SessionOutcome> {
  const config = loadConfig(env);
  const sessionId = opts.sessionId ?? newSessionId();
  const { lead, budget, maxRounds, mode } = opts.request;
  const warm = opts.ownerId ? await readWarmSeed(env.DB, opts.ownerId, leadIdentityKey(lead)) : null;
  // Company firmographics join the tools only where the catalog-tier route is switched on.
  const catalogEnabled = (await enabledCatalogRoutes(env.DB, config)).has("enrich.company");
  const started = await sessionOf(env, sessionId).start({
    sessionId,
    ownerId: opts.ownerId,
    payer: opts.payer ?? null,
    lead,
    budget,
    maxRounds,
    mode,
    catalogEnabled,
    ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}),
    ...(warm ? { warm: { ...warm, maxAgeMs: config.LEAD_SESSION_WARM_WINDOW_SEC * 1000 } } : {}),
  });
  if (!started.ok) throw new ApiError("CONFLICT", "this session id is already in use", { details: { session_id: sessionId } });
  return finishTurn(started, 0);
}

/** A follow-up prompt on an interactive session: same graph, rounds and budget carried over. */
export async function continueLeadSession(env: Env, sessionId: string, turn: FollowUpTurn): Promise<SessionOutcome> {
  const answered = await sessionOf(env, sessionId).followUp(turn);
  if (!answered.ok) {
    if (answered.code === "SESSION_NOT_INTERACTIVE") {
      throw new ApiError("VALIDATION_FAILED", "only interactive sessions take follow-up prompts; start one with mode: \"interactive\"", {
        details: { field: "session_id" },
      });
    }
    if (answered.code === "SESSION_UNPAID") {
      throw new ApiError("CONFLICT", "an earlier turn of this session was never paid for; start a new session", {
        details: { session_id: sessionId, next_action: "start a new session (omit session_id)" },
      });
    }
    if (answered.code === "SESSION_AWAITING_PAYMENT") {
      throw new ApiError("CONFLICT", "the previous turn of this session is still being paid for; retry shortly", {
        headers: { "Retry-After": "2" },
        details: { session_id: sessionId, retry_after_sec: 2 },
      });
    }
    throw new ApiError("NOT_FOUND", "no such lead session", { details: { session_id: sessionId } });
  }
  return finishTurn(answered, answered.toolsBefore);
}

/**
 * A paid turn's graph joins the owner's warm-seed cache. Only after the money is collected: an
 * unpaid graph (a refused settlement) must not come back cheaply through a later warm start.
 */
export async function rememberPaidSession(env: Env, ownerId: string, state: LeadSessionState): Promise<void> {
  if (graphMatched(state.graph)) await writeWarmSeed(env.DB, ownerId, leadIdentityKey(state.lead), state);
}

/**
 * Tells the session what was actually collected for a turn (less than due when a hold ran short or
 * a settlement failed); until it hears, the session takes no further turn.
 */
export async function reconcileTurn(env: Env, sessionId: string, due: Micros, captured: Micros): Promise<void> {
  if (due > 0 || due !== captured) await sessionOf(env, sessionId).reconcile({ due, captured });
}

function finishTurn(turn: TurnResult, before: number): SessionOutcome {
  const { state } = turn;
  // Billed as a match only for what this session found itself: a warm re-run that added nothing is free.
  const matched = graphFound(state.graph);
  const ran = state.toolLog.slice(before);
  if (!graphMatched(state.graph) && ran.length > 0 && ran.every((t) => t.outcome === "error")) {
    // Every lookup of this turn failed at the vendor: that is an outage, not "no data", and the
    // caller should retry rather than read a paid-for empty answer. Nothing is charged.
    const retryAfter = Math.max(...ran.map((t) => t.error?.retry_after_sec ?? 15));
    throw new ApiError("VENDOR_UNAVAILABLE", "the data vendors are unavailable; the session found nothing and nothing was charged", {
      headers: { "Retry-After": String(retryAfter) },
      details: { session_id: state.sessionId, retry_after_sec: retryAfter, charged_usd: 0, tools_failed: ran.map((t) => ({ tool: t.tool, vendor: t.vendor, kind: t.error?.kind ?? "unknown" })) },
    });
  }
  return {
    result: toLeadEnrichmentV1(state),
    matched,
    chargeTotal: turn.chargeTotal,
    chargeDue: turn.chargeDue,
    cogs: turn.cogs,
    vendors: turn.vendors,
    sessionId: state.sessionId,
    turn: turn.turn,
    state,
  };
}

/** Lead-session input problems are VALIDATION_FAILED with the offending paths, never billed. */
export function leadValidationError(err: unknown): never {
  if (err instanceof LeadValidationError) {
    throw new ApiError("VALIDATION_FAILED", err.message, { details: { issues: err.issues } });
  }
  throw err;
}
