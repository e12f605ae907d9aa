import { toUsd } from "@411data/core";
import type { UsageKeyView as KeyRecord } from "../../../../../durable-objects/agent-account/index.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function usageKeyView(key: KeyRecord, now = Date.now()) {
  const status =
    key.revokedAt !== null
      ? ("revoked" as const)
      : key.expiresAt !== null && key.expiresAt <= now
        ? ("expired" as const)
        : key.spent >= key.cap
          ? ("exhausted" as const)
          : ("active" as const);
  return {
    key_id: key.keyId,
    name: key.name,
    spend_cap_usd: toUsd(key.cap),
    spent_usd: toUsd(key.spent),
    scope: key.scope,
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
    created_at: new Date(key.createdAt).toISOString(),
    last_used_at: iso(key.lastUsedAt),
    status,
  };
}
