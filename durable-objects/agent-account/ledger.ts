import { assertMicros, type Micros, randomBase62 } from "@411data/core";

// The money half of an AgentAccount. Every change is a ledger entry written by synchronous SQL
// inside the caller's transaction, with no await in between, so the object serializes it.
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

/** Refusals are returned, never thrown: an RPC error reaches the caller as an opaque remote exception. */
export type InvalidAmount = { ok: false; code: "INVALID_AMOUNT"; balance: BalanceSnapshot };

export type CreditResult = { ok: true; balance: BalanceSnapshot } | InvalidAmount;

export type HoldResult =
  | { ok: true; holdId: string; amount: Micros; expiresAt: number; balance: BalanceSnapshot }
  | { ok: false; code: "INSUFFICIENT_BALANCE"; needed: Micros; balance: BalanceSnapshot }
  | { ok: false; code: "KEY_CAP_EXCEEDED"; needed: Micros; capLeft: Micros; balance: BalanceSnapshot }
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
  key_id: string | null;
  expires_at: number;
}

export interface HoldRequest {
  amount: Micros;
  ttlSec: number;
  ref?: string;
  /** A usage key's spend counts against its cap, together with what it already holds. */
  keyId?: string;
}

export class Ledger {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  balance(): BalanceSnapshot {
    const row = this.sql.exec<{ available: number; held: number }>("SELECT available, held FROM totals").one();
    return { available: row.available, held: row.held };
  }

  /** With `once`, a credit whose (kind, ref, memo) is already on the ledger is not written again. */
  credit(amount: Micros, kind: "credit" | "refund", ref?: string, memo?: string, once = false): CreditResult {
    if (!isPositiveMicros(amount)) return this.invalid();
    if (once && ref !== undefined) {
      const seen = this.sql.exec("SELECT 1 FROM ledger WHERE kind = ? AND ref = ? AND memo IS ? LIMIT 1", kind, ref, memo ?? null).toArray();
      if (seen.length > 0) return { ok: true, balance: this.balance() };
    }
    this.entry(kind, amount, null, ref, memo);
    return { ok: true, balance: this.balance() };
  }

  hold(req: HoldRequest): HoldResult {
    if (!isPositiveMicros(req.amount) || !(req.ttlSec > 0)) return this.invalid();
    const balance = this.balance();
    if (req.keyId) {
      const capLeft = this.keyCapLeft(req.keyId);
      if (capLeft < req.amount) return { ok: false, code: "KEY_CAP_EXCEEDED", needed: req.amount, capLeft, balance };
    }
    if (balance.available < req.amount) {
      return { ok: false, code: "INSUFFICIENT_BALANCE", needed: req.amount, balance };
    }
    const holdId = `hld_${randomBase62(20)}`;
    const now = Date.now();
    const expiresAt = now + req.ttlSec * 1000;
    this.sql.exec(
      "INSERT INTO holds (id, amount, status, key_id, ref, created_at, expires_at) VALUES (?, ?, 'open', ?, ?, ?, ?)",
      holdId,
      req.amount,
      req.keyId ?? null,
      req.ref ?? null,
      now,
      expiresAt,
    );
    this.entry("hold", -req.amount, holdId, req.ref);
    return { ok: true, holdId, amount: req.amount, expiresAt, balance: this.balance() };
  }

  /** Charges `amount` (≤ the hold) and returns the rest; 0 is a full release. A hold resolves once. */
  resolve(holdId: string, amount: Micros, memo?: string): ResolveResult {
    if (!Number.isSafeInteger(amount) || amount < 0) return this.invalid();
    const hold = this.sql
      .exec<HoldRow>("SELECT id, amount, status, key_id, expires_at FROM holds WHERE id = ?", holdId)
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
  }

  /** Releases every open hold past its expiry: work that crashed between hold and capture. */
  expireDue(now: number): number {
    const due = this.sql
      .exec<HoldRow>("SELECT id, amount, status, key_id, expires_at FROM holds WHERE status = 'open' AND expires_at <= ?", now)
      .toArray();
    for (const hold of due) this.close(hold, 0, "expired", "hold expired unresolved");
    return due.length;
  }

  nextExpiry(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM holds WHERE status = 'open'").one().at;
  }

  /** What a usage key may still place on hold: cap − spent − open holds. */
  keyCapLeft(keyId: string): Micros {
    const row = this.sql
      .exec<{ cap: number; spent: number; held: number }>(
        `SELECT cap, spent,
                (SELECT COALESCE(SUM(amount), 0) FROM holds WHERE key_id = usage_keys.id AND status = 'open') AS held
         FROM usage_keys WHERE id = ?`,
        keyId,
      )
      .toArray()[0];
    return row ? row.cap - row.spent - row.held : 0;
  }

  private close(hold: HoldRow, captured: Micros, status: Exclude<HoldStatus, "open">, memo?: string) {
    this.sql.exec("UPDATE holds SET status = ?, captured = ? WHERE id = ?", status, captured, hold.id);
    this.entry("release", hold.amount, hold.id, null, memo);
    if (captured > 0) {
      this.entry("capture", -captured, hold.id, null, memo);
      if (hold.key_id) this.sql.exec("UPDATE usage_keys SET spent = spent + ? WHERE id = ?", captured, hold.key_id);
    }
  }

  /** One ledger line and its effect on the totals; batch holds (batch-hold.ts) write theirs here too. */
  entry(kind: LedgerKind, amount: Micros, holdId: string | null, ref?: string | null, memo?: string | null) {
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
    const heldDelta = kind === "hold" || kind === "release" ? -amount : 0;
    this.sql.exec("UPDATE totals SET available = available + ?, held = held + ?", amount, heldDelta);
  }

  private invalid(): InvalidAmount {
    return { ok: false, code: "INVALID_AMOUNT", balance: this.balance() };
  }
}

export function isPositiveMicros(amount: unknown): amount is Micros {
  return typeof amount === "number" && Number.isSafeInteger(amount) && amount > 0;
}
