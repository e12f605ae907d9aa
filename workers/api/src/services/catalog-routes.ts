import { createMiddleware } from "hono/factory";
import { ApiError, CATALOG, type CatalogId } from "@411data/core";
import type { Config } from "../config.ts";
import type { AppEnv } from "../context.ts";

// Catalog-tier routes (SPEC §1) answer ROUTE_OFFLINE until switched on: by configuration
// (CATALOG_ROUTES_ENABLED) or by an operator, whose choice is stored in D1 and wins. Reading the
// row on each call (one primary-key lookup, only on these routes) makes a switch take effect at
// once in every isolate.

export const CATALOG_TIER = CATALOG.filter((e) => "offlineByDefault" in e && e.offlineByDefault === true).map((e) => e.id) as CatalogId[];

const flagKey = (id: string) => `catalog_route:${id}`;

export interface CatalogRouteState {
  id: CatalogId;
  path: string;
  enabled: boolean;
  /** Who decided: an operator override, the configuration, or the default (offline). */
  source: "operator" | "config" | "default";
  config_enabled: boolean;
  override: { enabled: boolean; memo: string | null; updated_at: string } | null;
}

interface FlagRow {
  key: string;
  enabled: number;
  memo: string | null;
  updated_at: string;
}

export async function catalogRouteStates(db: D1Database, config: Config): Promise<CatalogRouteState[]> {
  const { results } = await db
    .prepare(`SELECT key, enabled, memo, updated_at FROM feature_flags WHERE key IN (${CATALOG_TIER.map(() => "?").join(", ")})`)
    .bind(...CATALOG_TIER.map(flagKey))
    .all<FlagRow>();
  const rows = new Map(results.map((r) => [r.key, r]));
  return CATALOG_TIER.map((id) => {
    const row = rows.get(flagKey(id));
    const configEnabled = config.CATALOG_ROUTES_ENABLED.includes(id);
    const override = row ? { enabled: row.enabled === 1, memo: row.memo, updated_at: row.updated_at } : null;
    return {
      id,
      path: CATALOG.find((e) => e.id === id)!.path,
      enabled: override ? override.enabled : configEnabled,
      source: override ? "operator" : configEnabled ? "config" : "default",
      config_enabled: configEnabled,
      override,
    };
  });
}

/** The catalog-tier routes on right now. */
export async function enabledCatalogRoutes(db: D1Database, config: Config): Promise<Set<string>> {
  return new Set((await catalogRouteStates(db, config)).filter((s) => s.enabled).map((s) => s.id));
}

async function isEnabled(db: D1Database, config: Config, id: CatalogId): Promise<boolean> {
  const row = await db.prepare("SELECT enabled FROM feature_flags WHERE key = ?").bind(flagKey(id)).first<{ enabled: number }>();
  return row ? row.enabled === 1 : config.CATALOG_ROUTES_ENABLED.includes(id);
}

/** Stores (enabled: true/false) or clears (null: back to the configuration) an operator override. */
export async function setCatalogOverride(
  db: D1Database,
  ids: readonly CatalogId[],
  enabled: boolean | null,
  by: { requestId: string; memo: string | null },
): Promise<void> {
  const now = new Date().toISOString();
  const statements = ids.map((id) =>
    enabled === null
      ? db.prepare("DELETE FROM feature_flags WHERE key = ?").bind(flagKey(id))
      : db
          .prepare(
            `INSERT INTO feature_flags (key, enabled, memo, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET enabled = excluded.enabled, memo = excluded.memo,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          )
          .bind(flagKey(id), enabled ? 1 : 0, by.memo, now, by.requestId),
  );
  await db.batch(statements);
}

/**
 * Route middleware: an offline catalog route answers 503 ROUTE_OFFLINE before its body is
 * validated or anything is held, so a caller never pays for (or is asked to pay for) it.
 */
export function requireCatalogRoute(id: CatalogId) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!(await isEnabled(c.env.DB, c.get("config"), id))) {
      const entry = CATALOG.find((e) => e.id === id)!;
      throw new ApiError("ROUTE_OFFLINE", `${entry.method} ${entry.path} is a catalog-tier route that is not enabled on this deployment; nothing was charged`, {
        details: {
          route: id,
          charged_usd: 0,
          next_action:
            id === "enrich.email"
              ? "look the person up with POST /api/v1/enrich/person meanwhile, or ask the operator to enable this route"
              : id === "enrich.company"
                ? "research the business with POST /api/v1/enrich/websearch meanwhile, or ask the operator to enable this route"
                : "ask the operator to enable this route (see /pricing for what is available now)",
        },
      });
    }
    await next();
  });
}
