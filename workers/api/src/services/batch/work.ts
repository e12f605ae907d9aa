import { ApiError, catalogEntry, type CatalogId, type Micros, sha256Hex } from "@411data/core";
import { graphMatched, type ParsedLeadSessionRequest, toLeadEnrichmentV1 } from "@411data/lead-session";
import { runtime } from "../../../../../durable-objects/runtime.ts";
import { loadConfig } from "../../config.ts";
import type { WebsearchBody } from "../../schemas/websearch.ts";
import type { PaidWork } from "../billing/paid-call.ts";
import { reconcileTurn, rememberPaidSession, runLeadSession, sessionOf } from "../lead-session/run.ts";
import { lookupPeopleFor, type LookupScope, peopleWork, personQuery } from "../lookup.ts";
import { runWebsearch } from "../websearch.ts";
import type { BatchRoute } from "./batch.ts";

// What one batch row runs: the same service call its sync route makes, with the same body, so the
// answer has the route's shape and the charge follows the route's own rule (catalog price on a
// match; websearch and lead sessions metered up to their ceiling).

export interface RowWork {
  matched: boolean;
  /** What the row owes, decided like paidCall does: the work's charge or the catalog price, capped at the row's max. */
  charge: Micros;
  cogs: Micros | null;
  /** The sync route's answer, without its billing block. */
  result: unknown;
}

export interface RowContext {
  env: Env;
  batchId: string;
  rowNo: number;
  ownerId: string | null;
  max: Micros;
  /** Epoch ms: a lead session starts no new round after it. */
  deadline: number;
}

const CATALOG_OF: Record<BatchRoute, CatalogId> = {
  "enrich/phone": "enrich.phone",
  "enrich/person": "enrich.person",
  "enrich/websearch": "enrich.websearch",
  "enrich/lead-session": "enrich.lead_session",
};

export async function runRow(route: BatchRoute, payload: unknown, ctx: RowContext): Promise<RowWork> {
  const work = await ROW_RUNNERS[route](payload, ctx);
  // paidCall's rule: a match takes the work's own charge, or the catalog price, never above the hold.
  const charge = work.matched ? Math.min(work.charge ?? catalogEntry(CATALOG_OF[route]).price, ctx.max) : 0;
  return { matched: work.matched, charge, cogs: work.cogs ?? null, result: work.body };
}

/** After the row's charge was captured: what lead sessions keep about a paid turn. */
export async function afterRowCharge(route: BatchRoute, ctx: RowContext, due: Micros, captured: Micros): Promise<void> {
  if (route !== "enrich/lead-session") return;
  const sessionId = await rowSessionId(ctx.batchId, ctx.rowNo);
  await reconcileTurn(ctx.env, sessionId, due, captured);
  if (captured > 0 && ctx.ownerId) {
    const stored = await sessionOf(ctx.env, sessionId).read(ctx.ownerId);
    if (stored) await rememberPaidSession(ctx.env, ctx.ownerId, stored.state);
  }
}

/** One session per row, named after it, so a row taken over after a crash finds the same session. */
export const rowSessionId = async (batchId: string, rowNo: number) => `ls_${(await sha256Hex(`${batchId}:${rowNo}`)).slice(0, 24)}`;

type Runner = (payload: unknown, ctx: RowContext) => Promise<PaidWork<unknown>>;

// Rows run on the queue, with no request: their collaborators come from the runtime module.
const scopeOf = (env: Env): LookupScope => ({ config: loadConfig(env), log: {}, vendors: runtime().vendors(env) });

const ROW_RUNNERS: Record<BatchRoute, Runner> = {
  "enrich/phone": async (payload, { env }) => {
    const { phone } = payload as { phone: string };
    return peopleWork(await lookupPeopleFor(scopeOf(env), { mode: "reverse_phone", phone }), phone);
  },
  "enrich/person": async (payload, { env }) => {
    const { query, phone } = personQuery(payload as Parameters<typeof personQuery>[0]);
    return peopleWork(await lookupPeopleFor(scopeOf(env), query), phone);
  },
  "enrich/websearch": async (payload, { env, max }) => {
    const { max_usd: _ceiling, ...query } = payload as WebsearchBody;
    return runWebsearch(env, runtime().vendors(env), query, max);
  },
  "enrich/lead-session": async (payload, ctx) => {
    const request = payload as ParsedLeadSessionRequest;
    const sessionId = await rowSessionId(ctx.batchId, ctx.rowNo);
    try {
      const outcome = await runLeadSession(ctx.env, { request, ownerId: ctx.ownerId, sessionId, deadline: ctx.deadline });
      return { matched: outcome.matched, charge: outcome.chargeDue, cogs: outcome.cogs, body: outcome.result };
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "CONFLICT")) throw err;
      // An earlier run of this row started the session and died before billing: bill what it holds.
      const stored = await sessionOf(ctx.env, sessionId).read(ctx.ownerId);
      if (!stored) throw err;
      return { matched: graphMatched(stored.state.graph), charge: stored.billed, cogs: stored.state.cogs, body: toLeadEnrichmentV1(stored.state) };
    }
  },
};
