import { DurableObject } from "cloudflare:workers";
import { assertMicros, type Micros, randomBase62 } from "@411data/core";

// One AgentAccount per agent: the only writer of that agent's money. Every change is a ledger
// entry written by synchronous SQL with no await in between, so concurrent calls on one agent
// are serialized by the object itself and can never overdraw or double-charge.
//
// Ledger amounts are the signed effect on the *available* balance:
//   credit +x · hold −h · release +h · capture −c · refund +x
// A resolved hold writes release(+h) then capture(−c), so the ledger reads as what happened.

export type LedgerKind = "credit" | "hold" | "release" | "capture" | "refund";

export interface BalanceSnapshot {
  /** Spendable now: the sum of the ledger. */
  available: Micros;
  /** Reserved by open holds. */
  held: Micros;
}

/** Returned, never thrown: an RPC error would reach the caller as an opaque remote exception. */
export type InvalidAmount = { ok: false; code: "INVALID_AMOUNT"; balance: BalanceSnapshot };

export type CreditResult = { ok: true; balance: BalanceSnapshot } | InvalidAmount;

export type HoldResult =
  | { ok: true; holdId: string; amount: Micros; expiresAt: number; balance: BalanceSnapshot }
  | { ok: false; code: "INSUFFICIENT_BALANCE"; needed: Micros; balance: BalanceSnapshot }
  | InvalidAmount;

export type HoldStatus = "open" | "captured" | "released" | "expired";

export type ResolveResult =
  | { ok: true; holdId: string; captured: Micros; released: Micros; balance: BalanceSnapshot }
  | { ok: false; code: "HOLD_NOT_FOUND" | "HOLD_NOT_OPEN"; status?: HoldStatus; balance: BalanceSnapshot }
  | { ok: false; code: "CAPTURE_EXCEEDS_HOLD"; held: Micros; balance: BalanceSnapshot }
  | InvalidAmount;

interface HoldRow extends Record<string, SqlStorageValue> {
  id: string;
  amount: number;
  status: HoldStatus;
  expires_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT    NOT NULL CHECK (kind IN ('credit','hold','release','capture','refund')),
  amount     INTEGER NOT NULL,
  hold_id    TEXT,
  ref        TEXT,
  memo       TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS holds (
  id         TEXT    PRIMARY KEY,
  amount     INTEGER NOT NULL CHECK (amount > 0),
  status     TEXT    NOT NULL CHECK (status IN ('open','captured','released','expired')),
  ref        TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  captured   INTEGER
);
CREATE INDEX IF NOT EXISTS holds_open_expiry ON holds (status, expires_at);
-- Running totals, kept in the same transaction as the entries they sum.
CREATE TABLE IF NOT EXISTS totals (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  available INTEGER NOT NULL,
  held      INTEGER NOT NULL
);
INSERT OR IGNORE INTO totals (id, available, held) VALUES (1, 0, 0);
`;

export class AgentAccount extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  balance(): BalanceSnapshot {
    const row = this.sql.exec<{ available: number; held: number }>("SELECT available, held FROM totals").one();
    return { available: row.available, held: row.held };
  }

  credit(input: { amount: Micros; ref?: string; memo?: string; kind?: "credit" | "refund" }): CreditResult {
    if (!isPositiveMicros(input.amount)) return this.invalid();
    return this.ctx.storage.transactionSync(() => {
      this.entry(input.kind ?? "credit", input.amount, null, input.ref, input.memo);
      return { ok: true, balance: this.balance() };
    });
  }

  /** Reserves `amount` if the available balance covers it; the hold expires back after `ttlSec`. */
  hold(input: { amount: Micros; ttlSec: number; ref?: string }): HoldResult {
    if (!isPositiveMicros(input.amount) || !(input.ttlSec > 0)) return this.invalid();
    const result = this.ctx.storage.transactionSync((): HoldResult => {
      const balance = this.balance();
      if (balance.available < input.amount) {
        return { ok: false, code: "INSUFFICIENT_BALANCE", needed: input.amount, balance };
      }
      const holdId = `hld_${randomBase62(20)}`;
      const now = Date.now();
      const expiresAt = now + input.ttlSec * 1000;
      this.sql.exec(
        "INSERT INTO holds (id, amount, status, ref, created_at, expires_at) VALUES (?, ?, 'open', ?, ?, ?)",
        holdId,
        input.amount,
        input.ref ?? null,
        now,
        expiresAt,
      );
      this.entry("hold", -input.amount, holdId, input.ref);
      return { ok: true, holdId, amount: input.amount, expiresAt, balance: this.balance() };
    });
    if (result.ok) void this.scheduleExpiry();
    return result;
  }

  /** Charges `amount` (≤ the hold) and returns the rest; capturing 0 is a full release. */
  capture(input: { holdId: string; amount: Micros; memo?: string }): ResolveResult {
    if (!Number.isSafeInteger(input.amount) || input.amount < 0) return this.invalid();
    return this.resolve(input.holdId, input.amount, input.memo);
  }

  release(input: { holdId: string; memo?: string }): ResolveResult {
    return this.resolve(input.holdId, 0, input.memo);
  }

  /** Releases every open hold past its expiry: work that crashed between hold and capture. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const expired = this.sql
      .exec<HoldRow>("SELECT id, amount, status, expires_at FROM holds WHERE status = 'open' AND expires_at <= ?", now)
      .toArray();
    this.ctx.storage.transactionSync(() => {
      for (const hold of expired) this.close(hold, 0, "expired", "hold expired unresolved");
    });
    await this.scheduleExpiry();
  }

  private resolve(holdId: string, amount: Micros, memo?: string): ResolveResult {
    return this.ctx.storage.transactionSync((): ResolveResult => {
      const hold = this.sql
        .exec<HoldRow>("SELECT id, amount, status, expires_at FROM holds WHERE id = ?", holdId)
        .toArray()[0];
      if (!hold) return { ok: false, code: "HOLD_NOT_FOUND", balance: this.balance() };
      if (hold.status !== "open") {
        return { ok: false, code: "HOLD_NOT_OPEN", status: hold.status, balance: this.balance() };
      }
      if (amount > hold.amount) {
        return { ok: false, code: "CAPTURE_EXCEEDS_HOLD", held: hold.amount, balance: this.balance() };
      }
      this.close(hold, amount, amount > 0 ? "captured" : "released", memo);
      return { ok: true, holdId, captured: amount, released: hold.amount - amount, balance: this.balance() };
    });
  }

  private close(hold: HoldRow, captured: Micros, status: Exclude<HoldStatus, "open">, memo?: string) {
    this.sql.exec("UPDATE holds SET status = ?, captured = ? WHERE id = ?", status, captured, hold.id);
    this.entry("release", hold.amount, hold.id, null, memo);
    if (captured > 0) this.entry("capture", -captured, hold.id, null, memo);
  }

  private entry(kind: LedgerKind, amount: Micros, holdId: string | null, ref?: string | null, memo?: string | null) {
    assertMicros(amount);
    this.sql.exec(
      "INSERT INTO ledger (kind, amount, hold_id, ref, memo, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      kind,
      amount,
      holdId,
      ref ?? null,
      memo ?? null,
      Date.now(),
    );
    const heldDelta = kind === "hold" ? -amount : kind === "release" ? -amount : 0;
    this.sql.exec("UPDATE totals SET available = available + ?, held = held + ?", amount, heldDelta);
  }

  private invalid(): InvalidAmount {
    return { ok: false, code: "INVALID_AMOUNT", balance: this.balance() };
  }

  private async scheduleExpiry(): Promise<void> {
    const next = this.sql
      .exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM holds WHERE status = 'open'")
      .one().at;
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }
}

function isPositiveMicros(amount: unknown): amount is Micros {
  return typeof amount === "number" && Number.isSafeInteger(amount) && amount > 0;
}
