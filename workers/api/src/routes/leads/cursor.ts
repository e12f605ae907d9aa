import { ApiError, sha256Hex, timingSafeEqualHex } from "@411data/core";
import { CompanyFilters } from "@411data/vendors";

// The leads/search cursor: the filters it pages through and the vendor's scroll token, plus a
// digest over both. It is not a secret (it only names a
// position in results the caller may page to anyway); the digest makes an edited or truncated
// cursor a 400 instead of a vendor call with a broken token.

const VERSION = 1;
const DIGEST_CHARS = 32;

export interface LeadsCursor {
  filters: CompanyFilters;
  vendorToken: string;
}

const b64url = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromB64url(s: string): string {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

const digest = async (payload: string) => (await sha256Hex(`411data:leads-cursor:${payload}`)).slice(0, DIGEST_CHARS);

/** Filters in one canonical order, so equal filters always encode (and compare) the same. */
export function canonicalFilters(f: CompanyFilters): CompanyFilters {
  const keys = ["state_code", "city", "industry", "name_prefix", "min_employees", "max_employees"] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (f[k] !== undefined) out[k] = f[k];
  return out as CompanyFilters;
}

export async function encodeCursor(c: LeadsCursor): Promise<string> {
  const payload = b64url(JSON.stringify({ v: VERSION, f: canonicalFilters(c.filters), t: c.vendorToken }));
  return `${payload}.${await digest(payload)}`;
}

const invalid = () =>
  new ApiError("VALIDATION_FAILED", "cursor is not one this API issued (or was changed); start again without it", {
    details: { field: "cursor" },
  });

export async function decodeCursor(cursor: string): Promise<LeadsCursor> {
  const [payload, mac, ...rest] = cursor.split(".");
  if (!payload || !mac || rest.length || !/^[0-9a-f]+$/.test(mac) || mac.length !== DIGEST_CHARS) throw invalid();
  if (!timingSafeEqualHex(mac, await digest(payload))) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(fromB64url(payload));
  } catch {
    throw invalid();
  }
  const v = value as { v?: unknown; f?: unknown; t?: unknown };
  if (v.v !== VERSION || typeof v.t !== "string") throw invalid();
  // The digest is not keyed, so a cursor can be built by hand: its filters pass the same checks as
  // a request's, and one filter at least, or it is refused like any other bad cursor.
  const filters = CompanyFilters.strict().safeParse(v.f);
  if (!filters.success || Object.keys(filters.data).length === 0) throw invalid();
  return { filters: filters.data, vendorToken: v.t };
}
