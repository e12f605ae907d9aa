import { DurableObject } from "cloudflare:workers";
import type { Micros } from "@411data/core";
import {
  applyFollowUp,
  createSession,
  graphMatched,
  type LeadSessionState,
  type NormalizedLead,
  runSession,
  type SessionMode,
  SUMMARY_COST_ESTIMATE_MICROS,
  sessionChargeMicros,
  toolsFromVendors,
  warmSeed,
} from "@411data/lead-session";
import { runtime } from "./runtime.ts";

// One LeadSession per session id: the only writer of that session's state (graph, rounds, COGS, tool
// log, what has been billed). Calls on one session run one after another — a follow-up that arrives
// while a turn is still running waits for it — so two turns never interleave rounds or bill the
// same COGS twice.

export interface StartSession {
  sessionId: string;
  /** Agent that owns the session; null for an anonymous x402 caller. */
  ownerId: string | null;
  /** The wallet that paid an anonymous session: only it may continue the session. */
  payer?: string | null;
  lead: NormalizedLead;
  budget: Micros;
  maxRounds: number;
  mode: SessionMode;
  catalogEnabled: boolean;
  /** Epoch ms after which no new round starts (a sync call must answer in time). */
  deadline?: number;
  warm?: { graph: unknown; at: string; triedKeys: string[]; maxAgeMs: number };
}

export interface FollowUpTurn {
  ownerId: string | null;
  /** The wallet paying this turn (x402), which must be the one that paid an anonymous session. */
  payer?: string | null;
  prompt: string;
  /** Rounds beyond those used so far; default: what is left, or 2. */
  extraRounds?: number;
  /** A higher ceiling for the session from here on. */
  budget?: Micros;
  /** Most this turn may bill (the x402 path pays a fixed price per turn). */
  turnCap?: Micros;
  deadline?: number;
}

/** A finished turn: the state, and what this turn owes on top of what earlier turns billed. */
export interface TurnResult {
  state: LeadSessionState;
  turn: number;
  /** Session charge so far (max(base, COGS × margin) capped at budget; 0 without a match). */
  chargeTotal: Micros;
  /** What this turn should capture: chargeTotal minus what earlier turns billed. */
  chargeDue: Micros;
  /** COGS spent by this turn alone. */
  cogs: Micros;
  vendors: string[];
  /** Tool runs before this turn (its own are the rest of state.toolLog). */
  toolsBefore: number;
}

export type TurnRefusal =
  | { ok: false; code: "SESSION_NOT_FOUND" }
  | { ok: false; code: "SESSION_EXISTS" }
  | { ok: false; code: "SESSION_NOT_INTERACTIVE" }
  /** An earlier turn's charge was never collected: its graph is not served to a later turn. */
  | { ok: false; code: "SESSION_UNPAID" }
  /** The previous turn's payment is still being collected. */
  | { ok: false; code: "SESSION_AWAITING_PAYMENT" };

interface Stored {
  state: LeadSessionState;
  ownerId: string | null;
  /** Lowercase wallet that paid an anonymous session; null for an owned one. */
  payer?: string | null;
  /** µUSD billed across turns, as reconciled by the callers after each capture. */
  billed: Micros;
  turns: number;
  /** The last turn's charge, until the caller reports what was collected (reconcile). */
  awaiting?: Micros;
  /** A turn's charge was not collected: the session takes no further turns. */
  unpaid?: boolean;
}

const KEY = "session";

export class LeadSession extends DurableObject<Env> {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs turns strictly one at a time, in arrival order, whatever they await in between. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn, fn);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  start(input: StartSession): Promise<({ ok: true } & TurnResult) | TurnRefusal> {
    return this.#serial(async () => {
      const existing = await this.ctx.storage.get<Stored>(KEY);
      if (existing && !(existing.ownerId === input.ownerId && onlyVendorFailures(existing))) return { ok: false, code: "SESSION_EXISTS" } as const;
      let state = createSession({
        lead: input.lead,
        budget: input.budget,
        maxRounds: input.maxRounds,
        mode: input.mode,
        sessionId: input.sessionId,
        catalogEnabled: input.catalogEnabled,
        pricing: { summary: SUMMARY_COST_ESTIMATE_MICROS },
      });
      if (input.warm) {
        state = warmSeed(state, input.warm.graph, input.warm.at, { triedKeys: input.warm.triedKeys, maxAgeMs: input.warm.maxAgeMs });
      }
      const payer = input.ownerId === null ? (input.payer?.toLowerCase() ?? null) : null;
      return { ok: true, ...(await this.#turn({ state, ownerId: input.ownerId, payer, billed: 0, turns: 0 }, input.budget, input.deadline)) };
    });
  }

  followUp(input: FollowUpTurn): Promise<({ ok: true } & TurnResult) | TurnRefusal> {
    return this.#serial(async () => {
      const stored = await this.ctx.storage.get<Stored>(KEY);
      // Another agent's session answers exactly like a missing one, so ids reveal nothing.
      if (!stored || !mayContinue(stored, input)) return { ok: false, code: "SESSION_NOT_FOUND" } as const;
      if (stored.state.mode !== "interactive") return { ok: false, code: "SESSION_NOT_INTERACTIVE" } as const;
      if (stored.unpaid) return { ok: false, code: "SESSION_UNPAID" } as const;
      // An anonymous turn is paid only when its settlement lands; an owner's turn already holds its
      // budget on the balance, so concurrent owner turns queue here as before.
      if (stored.ownerId === null && (stored.awaiting ?? 0) > 0) return { ok: false, code: "SESSION_AWAITING_PAYMENT" } as const;
      const state = applyFollowUp(stored.state, input.prompt, {
        ...(input.extraRounds !== undefined ? { extraRounds: input.extraRounds } : {}),
        ...(input.budget !== undefined ? { budget: input.budget } : {}),
      });
      const cap = input.turnCap !== undefined ? stored.billed + input.turnCap : state.budget;
      return { ok: true, ...(await this.#turn({ ...stored, state }, cap, input.deadline)) };
    });
  }

  /**
   * The caller collected `captured` for a turn this object said owed `due`: keep `billed` true, and
   * a turn that was not paid in full closes the session to further turns (its graph stays unsold).
   */
  async reconcile(input: { due: Micros; captured: Micros }): Promise<void> {
    await this.#serial(async () => {
      const stored = await this.ctx.storage.get<Stored>(KEY);
      if (!stored) return;
      await this.ctx.storage.put<Stored>(KEY, {
        ...stored,
        billed: Math.max(0, stored.billed - input.due + input.captured),
        awaiting: 0,
        unpaid: stored.unpaid === true || input.captured < input.due,
      });
    });
  }

  async read(ownerId: string | null): Promise<{ state: LeadSessionState; billed: Micros; unpaid: boolean } | null> {
    const stored = await this.ctx.storage.get<Stored>(KEY);
    if (!stored || (stored.ownerId !== null && stored.ownerId !== ownerId)) return null;
    return { state: stored.state, billed: stored.billed, unpaid: stored.unpaid === true };
  }

  /**
   * Runs the loop to a stop and books the turn's charge as billed before answering: a concurrent
   * turn queued behind this one then owes only what its own rounds add. `cap` bounds the session's
   * effective budget for this turn (the x402 path pays one fixed price).
   */
  async #turn(stored: Stored, cap: Micros, deadline?: number): Promise<TurnResult> {
    const before = stored.state.cogs;
    const ceiling = stored.state.budget;
    const capped = { ...stored.state, budget: Math.min(ceiling, cap) };
    const tools = toolsFromVendors(runtime().vendors(this.env));
    const ran = await runSession(capped, tools, { summarizer: runtime().summarizer(this.env), ...(deadline !== undefined ? { deadline } : {}) });
    const chargeTotal = Math.max(sessionChargeMicros(ran), stored.billed);
    const chargeDue = chargeTotal - stored.billed;
    const state: LeadSessionState = { ...ran, budget: ceiling };
    const turns = stored.turns + 1;
    await this.ctx.storage.put<Stored>(KEY, { ...stored, state, billed: stored.billed + chargeDue, turns, awaiting: chargeDue });
    const vendors = [...new Set(state.toolLog.slice(stored.state.toolLog.length).flatMap((t) => (t.vendor ? [t.vendor] : [])))];
    return { state, turn: turns, chargeTotal, chargeDue, cogs: state.cogs - before, vendors, toolsBefore: stored.state.toolLog.length };
  }
}

/** An owned session continues only for its owner; an anonymous one only for the wallet that paid it. */
function mayContinue(stored: Stored, input: FollowUpTurn): boolean {
  if (stored.ownerId !== null) return stored.ownerId === input.ownerId;
  return !!stored.payer && stored.payer === input.payer?.toLowerCase();
}

/**
 * A start that found nothing because every tool it ran failed (vendors down) and billed nothing
 * may start again under the same id: a retried job must get a real run, not the empty one.
 */
function onlyVendorFailures(stored: Stored): boolean {
  const log = stored.state.toolLog;
  return stored.billed === 0 && stored.turns === 1 && !graphMatched(stored.state.graph) && log.length > 0 && log.every((t) => t.outcome === "error");
}
