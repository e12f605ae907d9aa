import { type Micros, timingSafeEqualHex } from "@411data/core";

// The identity half of an AgentAccount: the wallet it was minted for, the hash of its bearer, and
// its usage keys. Raw secrets never arrive here, only their SHA-256.

export interface Profile {
  agentId: string;
  wallet: string;
  allowance: Micros | null;
  drawn: Micros;
  createdAt: number;
  rotatedAt: number | null;
}

export type DrawResult = { ok: true; drawn: Micros } | { ok: false; code: "ALLOWANCE_EXCEEDED"; drawn: Micros; allowance: Micros };

export type PrincipalKind = "agent" | "usage_key";

export interface Principal {
  agentId: string;
  kind: PrincipalKind;
  keyId: string | null;
  /** Catalog ids a usage key may call; null means every paid route. */
  scope: string[] | null;
}

export type AuthFailure = "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "KEY_SCOPE_DENIED";
export type AuthResult = { ok: true; principal: Principal } | { ok: false; code: AuthFailure };

export interface UsageKeyView {
  keyId: string;
  name: string;
  cap: Micros;
  spent: Micros;
  scope: string[] | null;
  expiresAt: number | null;
  revokedAt: number | null;
  createdAt: number;
  lastUsedAt: number | null;
}

interface ProfileRow extends Record<string, SqlStorageValue> {
  agent_id: string;
  wallet: string;
  token_hash: string;
  allowance: number | null;
  drawn: number;
  created_at: number;
  rotated_at: number | null;
}

interface KeyRow extends Record<string, SqlStorageValue> {
  id: string;
  name: string;
  cap: number;
  spent: number;
  scope: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  created_at: number;
  last_used_at: number | null;
}

export class Credentials {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  profile(): Profile | null {
    const row = this.row();
    return row
      ? {
          agentId: row.agent_id,
          wallet: row.wallet,
          allowance: row.allowance,
          drawn: row.drawn,
          createdAt: row.created_at,
          rotatedAt: row.rotated_at,
        }
      : null;
  }

  /** First mint stores the bearer hash; a later mint of the same agent changes nothing here. */
  mint(agentId: string, wallet: string, tokenHash: string, now: number): boolean {
    if (this.row()) return false;
    this.sql.exec(
      "INSERT INTO profile (id, agent_id, wallet, token_hash, created_at) VALUES (1, ?, ?, ?, ?)",
      agentId,
      wallet,
      tokenHash,
      now,
    );
    return true;
  }

  setAllowance(allowance: Micros | null): void {
    this.sql.exec("UPDATE profile SET allowance = ?", allowance);
  }

  authenticate(tokenHash: string, kind: PrincipalKind, routeId?: string): AuthResult {
    const profile = this.row();
    if (!profile) return { ok: false, code: "TOKEN_INVALID" };
    if (kind === "agent") {
      return timingSafeEqualHex(profile.token_hash, tokenHash)
        ? { ok: true, principal: { agentId: profile.agent_id, kind, keyId: null, scope: null } }
        : { ok: false, code: "TOKEN_INVALID" };
    }
    // Looked up by hash: the hash of a 238-bit secret gives a guesser nothing to walk.
    const key = this.sql.exec<KeyRow>("SELECT * FROM usage_keys WHERE hash = ?", tokenHash).toArray()[0];
    if (!key) return { ok: false, code: "TOKEN_INVALID" };
    const now = Date.now();
    if (key.revoked_at !== null) return { ok: false, code: "TOKEN_REVOKED" };
    if (key.expires_at !== null && key.expires_at <= now) return { ok: false, code: "TOKEN_EXPIRED" };
    const scope = key.scope ? (JSON.parse(key.scope) as string[]) : null;
    if (routeId && scope && !scope.includes(routeId)) return { ok: false, code: "KEY_SCOPE_DENIED" };
    this.sql.exec("UPDATE usage_keys SET last_used_at = ? WHERE id = ?", now, key.id);
    return { ok: true, principal: { agentId: profile.agent_id, kind, keyId: key.id, scope } };
  }

  /**
   * Draws `amount` on the allowance for the payment `ref`. A second draw for the same ref is the
   * first one again (a retried verification must not count twice).
   */
  draw(ref: string, amount: Micros, now: number): DrawResult {
    const row = this.row();
    if (!row) return { ok: false, code: "ALLOWANCE_EXCEEDED", drawn: 0, allowance: 0 };
    if (this.sql.exec("SELECT 1 FROM draws WHERE ref = ?", ref).toArray().length > 0) return { ok: true, drawn: row.drawn };
    if (row.allowance !== null && row.drawn + amount > row.allowance) {
      return { ok: false, code: "ALLOWANCE_EXCEEDED", drawn: row.drawn, allowance: row.allowance };
    }
    this.sql.exec("INSERT INTO draws (ref, amount, returned, created_at) VALUES (?, ?, 0, ?)", ref, amount, now);
    this.sql.exec("UPDATE profile SET drawn = drawn + ?", amount);
    return { ok: true, drawn: row.drawn + amount };
  }

  /**
   * The payment `ref` ended having taken `kept` of what it drew: the rest goes back. Decided once, by
   * the first call (a redelivery, a retry or a second refund path gives nothing more), and `drawn`
   * never falls below zero.
   */
  undraw(ref: string, kept: Micros, now: number): { drawn: Micros; returned: Micros } {
    const row = this.row();
    const draw = this.sql
      .exec<{ amount: number; resolved_at: number | null }>("SELECT amount, resolved_at FROM draws WHERE ref = ?", ref)
      .toArray()[0];
    if (!row || !draw || draw.resolved_at !== null) return { drawn: row?.drawn ?? 0, returned: 0 };
    const give = Math.min(draw.amount - Math.min(Math.max(kept, 0), draw.amount), row.drawn);
    this.sql.exec("UPDATE draws SET returned = ?, resolved_at = ? WHERE ref = ?", give, now, ref);
    if (give > 0) this.sql.exec("UPDATE profile SET drawn = MAX(0, drawn - ?)", give);
    return { drawn: row.drawn - give, returned: give };
  }

  rotate(newHash: string, now: number): void {
    this.sql.exec("UPDATE profile SET token_hash = ?, rotated_at = ?", newHash, now);
  }

  createKey(key: { keyId: string; hash: string; name: string; cap: Micros; scope: string[] | null; expiresAt: number | null }, now: number) {
    this.sql.exec(
      "INSERT INTO usage_keys (id, hash, name, cap, scope, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      key.keyId,
      key.hash,
      key.name,
      key.cap,
      key.scope ? JSON.stringify(key.scope) : null,
      key.expiresAt,
      now,
    );
  }

  listKeys(): UsageKeyView[] {
    return this.sql.exec<KeyRow>("SELECT * FROM usage_keys ORDER BY created_at DESC, id").toArray().map(toView);
  }

  key(keyId: string): UsageKeyView | null {
    const row = this.sql.exec<KeyRow>("SELECT * FROM usage_keys WHERE id = ?", keyId).toArray()[0];
    return row ? toView(row) : null;
  }

  revokeKey(keyId: string, now: number): UsageKeyView | null {
    this.sql.exec("UPDATE usage_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", now, keyId);
    return this.key(keyId);
  }

  /** Every key still live stops at once; returns how many. */
  revokeAllKeys(now: number): number {
    const live = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM usage_keys WHERE revoked_at IS NULL").one().n;
    this.sql.exec("UPDATE usage_keys SET revoked_at = ? WHERE revoked_at IS NULL", now);
    return live;
  }

  private row(): ProfileRow | undefined {
    return this.sql.exec<ProfileRow>("SELECT * FROM profile WHERE id = 1").toArray()[0];
  }
}

function toView(row: KeyRow): UsageKeyView {
  return {
    keyId: row.id,
    name: row.name,
    cap: row.cap,
    spent: row.spent,
    scope: row.scope ? (JSON.parse(row.scope) as string[]) : null,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
