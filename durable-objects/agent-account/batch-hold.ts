import type { Micros } from "@411data/core";
import type { BalanceSnapshot, Ledger } from "./ledger.ts";

// One hold, many captures: a CSV batch holds its whole ceiling once, then each row that matches is
// captured from that hold, and whatever is left is released when the batch ends. A row first
// reserves the most it may cost (so rows running side by side never promise more than the hold),
// then settles its actual charge. Both steps are keyed by the row, so a redelivered chunk that
// settles a row again gets the first answer back and nothing is taken twice.
//
// Ledger entries are the ordinary ones: a capture of c from the hold writes release(+c) and
// capture(−c), and the final release writes release(+rest), so the balance stays the sum of the ledger.

export const BATCH_HOLD_SCHEMA = `
CREATE TABLE IF NOT EXISTS hold_draws (
  hold_id  TEXT    NOT NULL,
  key      TEXT    NOT NULL,
  max      INTEGER NOT NULL CHECK (max > 0),
  status   TEXT    NOT NULL CHECK (status IN ('reserved', 'captured', 'released')),
  captured INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hold_id, key)
) WITHOUT ROWID;
`;

export interface DrawRequest {
  key: string;
  max: Micros;
}

export type DrawReservation =
  | { key: string; ok: true; /** Already settled by an earlier delivery: what it captured. */ settled: Micros | null }
  | { key: string; ok: false; code: "HOLD_SHORT" | "HOLD_NOT_OPEN" };

export interface DrawSettlement {
  key: string;
  captured: Micros;
}

interface HoldRow extends Record<string, SqlStorageValue> {
  amount: number;
  status: string;
  key_id: string | null;
  captured: number | null;
}

interface DrawRow extends Record<string, SqlStorageValue> {
  max: number;
  status: "reserved" | "captured" | "released";
  captured: number;
}

export class BatchHolds {
  private readonly sql: SqlStorage;
  private readonly ledger: Ledger;

  constructor(sql: SqlStorage, ledger: Ledger) {
    this.sql = sql;
    this.ledger = ledger;
  }

  reserve(holdId: string, items: DrawRequest[]): DrawReservation[] {
    const hold = this.hold(holdId);
    const reserved = this.sql
      .exec<{ total: number }>("SELECT COALESCE(SUM(max), 0) AS total FROM hold_draws WHERE hold_id = ? AND status = 'reserved'", holdId)
      .one().total;
    let free = hold && hold.status === "open" ? hold.amount - reserved : 0;
    return items.map((item): DrawReservation => {
      const draw = this.draw(holdId, item.key);
      if (draw?.status === "reserved") return { key: item.key, ok: true, settled: null };
      if (draw?.status === "captured") return { key: item.key, ok: true, settled: draw.captured };
      if (!hold || hold.status !== "open") return { key: item.key, ok: false, code: "HOLD_NOT_OPEN" };
      if (!(Number.isSafeInteger(item.max) && item.max > 0) || free < item.max) return { key: item.key, ok: false, code: "HOLD_SHORT" };
      free -= item.max;
      this.sql.exec(
        `INSERT INTO hold_draws (hold_id, key, max, status, captured) VALUES (?, ?, ?, 'reserved', 0)
         ON CONFLICT (hold_id, key) DO UPDATE SET max = excluded.max, status = 'reserved', captured = 0`,
        holdId,
        item.key,
        item.max,
      );
      return { key: item.key, ok: true, settled: null };
    });
  }

  /** Captures each row's charge (≤ what it reserved) from the hold; 0 releases its reservation. */
  settle(holdId: string, items: { key: string; charge: Micros }[], memo: string): DrawSettlement[] {
    return items.map((item) => {
      const draw = this.draw(holdId, item.key);
      if (!draw) return { key: item.key, captured: 0 };
      if (draw.status !== "reserved") return { key: item.key, captured: draw.captured };
      const hold = this.hold(holdId);
      const charge = Number.isSafeInteger(item.charge) && item.charge > 0 ? Math.min(item.charge, draw.max) : 0;
      if (charge === 0 || !hold || hold.status !== "open") {
        // A hold that expired under a very slow batch: the row is not charged rather than charged twice.
        this.sql.exec("UPDATE hold_draws SET status = 'released' WHERE hold_id = ? AND key = ?", holdId, item.key);
        return { key: item.key, captured: 0 };
      }
      // The hold's amount is what is still held; it never reaches 0 while open (a CHECK says so).
      if (charge >= hold.amount) {
        this.sql.exec("UPDATE holds SET status = 'captured', captured = COALESCE(captured, 0) + ? WHERE id = ?", hold.amount, holdId);
      } else {
        this.sql.exec("UPDATE holds SET amount = amount - ?, captured = COALESCE(captured, 0) + ? WHERE id = ?", charge, charge, holdId);
      }
      const taken = Math.min(charge, hold.amount);
      this.ledger.entry("release", taken, holdId, null, memo);
      this.ledger.entry("capture", -taken, holdId, null, memo);
      if (hold.key_id) this.sql.exec("UPDATE usage_keys SET spent = spent + ? WHERE id = ?", taken, hold.key_id);
      this.sql.exec("UPDATE hold_draws SET status = 'captured', captured = ? WHERE hold_id = ? AND key = ?", taken, holdId, item.key);
      return { key: item.key, captured: taken };
    });
  }

  /** Ends the hold: what is still held goes back to the balance. Once; later calls only report. */
  releaseRest(holdId: string, memo: string): { captured: Micros; released: Micros } {
    const captured = this.sql
      .exec<{ total: number }>("SELECT COALESCE(SUM(captured), 0) AS total FROM hold_draws WHERE hold_id = ? AND status = 'captured'", holdId)
      .one().total;
    const hold = this.hold(holdId);
    if (!hold || hold.status !== "open") return { captured, released: 0 };
    this.sql.exec("UPDATE holds SET status = 'released' WHERE id = ?", holdId);
    this.sql.exec("UPDATE hold_draws SET status = 'released' WHERE hold_id = ? AND status = 'reserved'", holdId);
    this.ledger.entry("release", hold.amount, holdId, null, memo);
    return { captured, released: hold.amount };
  }

  private hold(holdId: string): HoldRow | undefined {
    return this.sql.exec<HoldRow>("SELECT amount, status, key_id, captured FROM holds WHERE id = ?", holdId).toArray()[0];
  }

  private draw(holdId: string, key: string): DrawRow | undefined {
    return this.sql.exec<DrawRow>("SELECT max, status, captured FROM hold_draws WHERE hold_id = ? AND key = ?", holdId, key).toArray()[0];
  }
}

export type { BalanceSnapshot };
