import { DurableObject } from "cloudflare:workers";
import type { Micros } from "@411data/core";
import { Credentials, type AuthResult, type DrawResult, type Principal, type PrincipalKind, type Profile, type UsageKeyView } from "./credentials.ts";
import {
  type BalanceSnapshot,
  type CreditResult,
  type HoldRequest,
  type HoldResult,
  isPositiveMicros,
  Ledger,
  type ResolveResult,
} from "./ledger.ts";
import { BatchHolds, type DrawRequest, type DrawReservation, type DrawSettlement } from "./batch-hold.ts";
import { SCHEMA } from "./schema.ts";

export type PaidHoldResult =
  | { ok: true; principal: Principal; hold: Extract<HoldResult, { ok: true }>; subscribed: string[] }
  | Extract<AuthResult, { ok: false }>
  | { ok: false; code: "QUOTA_EXCEEDED"; retryAfterSec: number; principal: Principal }
  | (Exclude<HoldResult, { ok: true }> & { principal: Principal });


/** A subscription created this recently survives a concurrent delete's refresh (see setSubscribedEvents). */
const SUBSCRIBE_GRACE_MS = 60_000;

/** How long ledger changes gather before one D1 batch copies them (see scheduleMirror). */
const MIRROR_DELAY_MS = 200;

/**
 * One AgentAccount per agent, addressed by agent id: the only writer of that agent's bearer hash,
 * usage keys and money. Each RPC method runs its SQL synchronously in one transaction, so calls on
 * one agent are serialized by the object and can never overdraw, double-charge or race a rotation.
 */
export class AgentAccount extends DurableObject {
  private readonly ledger: Ledger;
  private readonly credentials: Credentials;
  private readonly batchHolds: BatchHolds;

  // An object nobody minted keeps no storage at all: a forged bearer naming a random agent id reaches
  // an empty object, is refused, and leaves nothing behind. The schema is created by the first
  // write (mint, in practice), and applied again on every start once it exists.
  private schemaReady: boolean;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.schemaReady = ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'profile'").toArray().length > 0;
    if (this.schemaReady) ctx.storage.sql.exec(SCHEMA);
    this.ledger = new Ledger(ctx.storage.sql);
    this.credentials = new Credentials(ctx.storage.sql);
    this.batchHolds = new BatchHolds(ctx.storage.sql, this.ledger);
  }

  private ensureSchema(): void {
    if (this.schemaReady) return;
    this.ctx.storage.sql.exec(SCHEMA);
    this.schemaReady = true;
  }

  // ── identity ────────────────────────────────────────────────────────────────────────────────

  /** First mint stores the bearer hash and grants the starting credit; later mints only refresh the allowance. */
  mint(input: {
    agentId: string;
    wallet: string;
    tokenHash: string;
    startingCredit: Micros;
    allowance?: Micros | null;
  }): { created: boolean; profile: Profile; balance: BalanceSnapshot } {
    return this.tx(() => {
      const created = this.credentials.mint(input.agentId, input.wallet, input.tokenHash, Date.now());
      if (created && input.startingCredit > 0) this.ledger.credit(input.startingCredit, "credit", "mint", "starting credit");
      if (input.allowance !== undefined) this.credentials.setAllowance(input.allowance);
      return { created, profile: this.credentials.profile()!, balance: this.ledger.balance() };
    });
  }

  /**
   * Checks a bearer; with `quota`, a free call also counts against the agent's per-minute quota (the
   * same window paid calls use), in the same transaction.
   */
  authenticate(input: {
    tokenHash: string;
    kind: PrincipalKind;
    routeId?: string;
    quota?: { limit: number; windowSec: number };
  }): AuthResult | { ok: false; code: "QUOTA_EXCEEDED"; retryAfterSec: number; principal: Principal } {
    if (!this.schemaReady) return { ok: false, code: "TOKEN_INVALID" };
    return this.tx(() => {
      const auth = this.credentials.authenticate(input.tokenHash, input.kind, input.routeId);
      if (!auth.ok || !input.quota) return auth;
      const retryAfterSec = this.takeQuota(input.quota.limit, input.quota.windowSec);
      return retryAfterSec === null ? auth : { ok: false as const, code: "QUOTA_EXCEEDED" as const, retryAfterSec, principal: auth.principal };
    });
  }

  account(): { profile: Profile; balance: BalanceSnapshot } | null {
    if (!this.schemaReady) return null;
    const profile = this.credentials.profile();
    return profile ? { profile, balance: this.ledger.balance() } : null;
  }

  /** Swaps the agent bearer; the caller proved the current one. The old hash stops matching at once. */
  rotate(input: { currentHash: string; newHash: string }): AuthResult {
    if (!this.schemaReady) return { ok: false, code: "TOKEN_INVALID" };
    return this.tx(() => {
      const auth = this.credentials.authenticate(input.currentHash, "agent");
      if (auth.ok) this.credentials.rotate(input.newHash, Date.now());
      return auth;
    });
  }

  /**
   * Recovery replaces a lost bearer without proof of the old one (the route checked wallet, answers
   * and fee) and revokes every usage key in the same transaction: whoever held the old credentials
   * keeps none of them.
   */
  replaceToken(input: { newHash: string }): { profile: Profile; revokedKeys: number } | null {
    if (!this.schemaReady) return null;
    return this.tx(() => {
      if (!this.credentials.profile()) return null;
      const now = Date.now();
      this.credentials.rotate(input.newHash, now);
      const revokedKeys = this.credentials.revokeAllKeys(now);
      return { profile: this.credentials.profile()!, revokedKeys };
    });
  }

  createUsageKey(input: {
    keyId: string;
    hash: string;
    name: string;
    cap: Micros;
    scope: string[] | null;
    expiresAt: number | null;
  }): UsageKeyView {
    return this.tx(() => {
      this.credentials.createKey(input, Date.now());
      return this.credentials.key(input.keyId)!;
    });
  }

  listUsageKeys(): UsageKeyView[] {
    if (!this.schemaReady) return [];
    return this.credentials.listKeys();
  }

  revokeUsageKey(keyId: string): UsageKeyView | null {
    return this.tx(() => this.credentials.revokeKey(keyId, Date.now()));
  }

  // ── paid calls ──────────────────────────────────────────────────────────────────────────────

  /**
   * The hot path of a paid call in one RPC and one transaction: bearer hash check, quota, usage-key
   * cap and hold. Nothing else is read; the Worker never touches D1 before the vendor call.
   */
  authorizeAndHold(input: {
    tokenHash: string;
    kind: PrincipalKind;
    routeId: string;
    amount: Micros;
    ttlSec: number;
    ref: string;
    quota: { limit: number; windowSec: number };
  }): PaidHoldResult {
    if (!this.schemaReady) return { ok: false, code: "TOKEN_INVALID" };
    const result = this.tx((): PaidHoldResult => {
      const auth = this.credentials.authenticate(input.tokenHash, input.kind, input.routeId);
      if (!auth.ok) return auth;
      const retryAfterSec = this.takeQuota(input.quota.limit, input.quota.windowSec);
      if (retryAfterSec !== null) return { ok: false, code: "QUOTA_EXCEEDED", retryAfterSec, principal: auth.principal };
      const hold = this.ledger.hold({
        amount: input.amount,
        ttlSec: input.ttlSec,
        ref: input.ref,
        ...(auth.principal.keyId ? { keyId: auth.principal.keyId } : {}),
      });
      if (!hold.ok) return { ...hold, principal: auth.principal };
      return { ok: true, principal: auth.principal, hold, subscribed: this.subscribedEvents() };
    });
    if (result.ok) void this.scheduleExpiry();
    return result;
  }

  // ── callback subscriptions (which event types anyone listens for) ─────────────────────────────

  /** Adds event types; called before a subscription is stored, so the set is never short of D1's. */
  subscribeEvents(events: string[]): void {
    this.ensureSchema();
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      for (const e of events) {
        this.ctx.storage.sql.exec("INSERT OR IGNORE INTO subscribed_events (event) VALUES (?)", e);
        this.ctx.storage.sql.exec("INSERT OR REPLACE INTO subscribed_event_times (event, added_at) VALUES (?, ?)", e, now);
      }
    });
  }

  /**
   * Narrows the set to what D1 holds after a subscription was deleted, decided here rather than by
   * the caller: an event type subscribed within SUBSCRIBE_GRACE_MS stays, since a concurrent
   * create may not be in the caller's read of D1 yet. The set only has to be a superset of D1's.
   */
  setSubscribedEvents(events: string[]): void {
    this.ensureSchema();
    const recent = Date.now() - SUBSCRIBE_GRACE_MS;
    this.ctx.storage.transactionSync(() => {
      const keep = new Set(events);
      for (const { event } of this.ctx.storage.sql.exec<{ event: string }>("SELECT event FROM subscribed_event_times WHERE added_at > ?", recent)) keep.add(event);
      this.ctx.storage.sql.exec("DELETE FROM subscribed_events");
      for (const e of keep) this.ctx.storage.sql.exec("INSERT OR IGNORE INTO subscribed_events (event) VALUES (?)", e);
    });
  }

  private subscribedEvents(): string[] {
    return this.ctx.storage.sql.exec<{ event: string }>("SELECT event FROM subscribed_events").toArray().map((r) => r.event);
  }

  /**
   * Counts an x402 payment made by this agent's wallet against its signed budget commitment, once
   * per payment `ref` (its lock key). Refused, and nothing counted, when it would pass `allowance`.
   */
  draw(input: { ref: string; amount: Micros }): DrawResult | { ok: false; code: "INVALID_AMOUNT"; drawn: Micros; allowance: Micros } {
    // A negative draw was once how budget went back; now that is undraw's job, with a floor.
    if (!isPositiveMicros(input.amount) || !input.ref) return { ok: false, code: "INVALID_AMOUNT", drawn: 0, allowance: 0 };
    return this.tx(() => this.credentials.draw(input.ref, input.amount, Date.now()));
  }

  /** The payment `ref` took `kept` (0 when it never settled): the rest of its draw goes back; the first call decides. */
  undraw(input: { ref: string; kept: Micros }): { drawn: Micros; returned: Micros } {
    return this.tx(() => this.credentials.undraw(input.ref, input.kept, Date.now()));
  }

  // ── money ───────────────────────────────────────────────────────────────────────────────────

  balance(): BalanceSnapshot {
    this.ensureSchema();
    return this.ledger.balance();
  }

  /** `once`: a repeat of the same (kind, ref, memo) credit is a no-op, for retried bookkeeping. */
  credit(input: { amount: Micros; ref?: string; memo?: string; kind?: "credit" | "refund"; once?: boolean }): CreditResult {
    return this.tx(() => this.ledger.credit(input.amount, input.kind ?? "credit", input.ref, input.memo, input.once ?? false));
  }

  /** Reserves `amount` if the balance (and a usage key's cap) covers it; it expires back after `ttlSec`. */
  hold(input: HoldRequest): HoldResult {
    const result = this.tx(() => this.ledger.hold(input));
    if (result.ok) void this.scheduleExpiry();
    return result;
  }

  capture(input: { holdId: string; amount: Micros; memo?: string }): ResolveResult {
    return this.tx(() => this.ledger.resolve(input.holdId, input.amount, input.memo));
  }

  release(input: { holdId: string; memo?: string }): ResolveResult {
    return this.tx(() => this.ledger.resolve(input.holdId, 0, input.memo));
  }

  // ── one hold, many captures (CSV batches; see batch-hold.ts) ─────────────────────────────────

  reserveFromHold(input: { holdId: string; items: DrawRequest[] }): DrawReservation[] {
    return this.tx(() => this.batchHolds.reserve(input.holdId, input.items));
  }

  settleFromHold(input: { holdId: string; items: { key: string; charge: Micros }[]; memo: string }): DrawSettlement[] {
    return this.tx(() => this.batchHolds.settle(input.holdId, input.items, input.memo));
  }

  releaseHoldRest(input: { holdId: string; memo: string }): { captured: Micros; released: Micros } {
    return this.tx(() => this.batchHolds.releaseRest(input.holdId, input.memo));
  }

  override async alarm(): Promise<void> {
    this.tx(() => this.ledger.expireDue(Date.now()));
    await this.mirrorLedger();
    await this.scheduleExpiry();
  }

  /** null when the call fits the window; else seconds until the window resets. */
  private takeQuota(limit: number, windowSec: number): number | null {
    const now = Date.now();
    const windowMs = windowSec * 1000;
    const start = now - (now % windowMs);
    const row = this.ctx.storage.sql
      .exec<{ window_start: number; count: number }>("SELECT window_start, count FROM quota WHERE id = 1")
      .toArray()[0];
    if (row && row.window_start === start && row.count >= limit) return Math.max(1, Math.ceil((start + windowMs - now) / 1000));
    this.ctx.storage.sql.exec(
      `INSERT INTO quota (id, window_start, count) VALUES (1, ?, 1)
       ON CONFLICT (id) DO UPDATE SET count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
                                      window_start = excluded.window_start`,
      start,
    );
    return null;
  }

  /** Every change runs here: one transaction, then (shortly) the new ledger entries are copied to D1. */
  private tx<T>(fn: () => T): T {
    this.ensureSchema();
    const result = this.ctx.storage.transactionSync(fn);
    this.scheduleMirror();
    return result;
  }

  /**
   * A D1 write per ledger change would cost more than the change itself; copying at most every
   * MIRROR_DELAY_MS lets one batch carry every entry of a busy moment. If the object goes away
   * first, the next change or the hold-expiry alarm copies what is left (the copy is by seq).
   */
  private mirrorScheduled = false;

  private scheduleMirror(): void {
    if (this.mirrorScheduled) return;
    this.mirrorScheduled = true;
    this.ctx.waitUntil(
      new Promise((resolve) => setTimeout(resolve, MIRROR_DELAY_MS)).then(() => {
        this.mirrorScheduled = false;
        return this.mirrorLedger();
      }),
    );
  }

  /**
   * Copies entries past the last mirrored seq to D1, in order, until none are left. One copy runs
   * at a time; changes made meanwhile are picked up by its next pass. Idempotent (keyed by agent
   * and seq), so a failed pass is simply retried by the next change or the alarm.
   */
  private mirroring: Promise<void> | null = null;
  private mirrorAgain = false;

  private mirrorLedger(): Promise<void> {
    if (this.mirroring) {
      this.mirrorAgain = true;
      return this.mirroring;
    }
    this.mirroring = (async () => {
      try {
        do {
          this.mirrorAgain = false;
          while (await this.mirrorBatch()) {
            // keep going while full batches were copied
          }
        } while (this.mirrorAgain);
      } catch (err) {
        console.warn("ledger mirror failed; retried on the next change or alarm", err);
        const soon = Date.now() + 30_000;
        const current = await this.ctx.storage.getAlarm();
        if (current === null || current > soon) await this.ctx.storage.setAlarm(soon);
      } finally {
        this.mirroring = null;
      }
    })();
    return this.mirroring;
  }

  /** Copies up to one batch; true when a full batch went, so there may be more. */
  private async mirrorBatch(): Promise<boolean> {
    const sql = this.ctx.storage.sql;
    const agentId = this.credentials.profile()?.agentId;
    if (!agentId) return false;
    const from = sql.exec<{ last_seq: number }>("SELECT last_seq FROM mirror").one().last_seq;
    const entries = sql
      .exec<{ seq: number; kind: string; amount: number; hold_id: string | null; ref: string | null; memo: string | null; created_at: number }>(
        "SELECT seq, kind, amount, hold_id, ref, memo, created_at FROM ledger WHERE seq > ? ORDER BY seq LIMIT 100",
        from,
      )
      .toArray();
    if (entries.length === 0) return false;
    await this.env.DB.batch(
      entries.map((e) =>
        this.env.DB.prepare(
          "INSERT OR IGNORE INTO ledger_entries (agent_id, seq, kind, amount, hold_id, ref, memo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ).bind(agentId, e.seq, e.kind, e.amount, e.hold_id, e.ref, e.memo, e.created_at),
      ),
    );
    sql.exec("UPDATE mirror SET last_seq = MAX(last_seq, ?)", entries[entries.length - 1]!.seq);
    return entries.length === 100;
  }

  private async scheduleExpiry(): Promise<void> {
    const next = this.ledger.nextExpiry();
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }
}
