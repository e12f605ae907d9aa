/**
 * Whitepages sandbox: an in-process Hono app speaking the Whitepages v2 person API
 * (`GET /v2/person/`, `GET /v2/person/{id}`, header `X-Api-Key` required, any value) over the
 * synthetic dataset. No real person's data.
 *
 * Reserved inputs (see reserved.ts), recognised in `phone` or in any text parameter:
 *   +1 555-010-0429 / "__vendor_429__"        429 Too Many Requests, Retry-After: 7
 *   +1 555-010-0402 / "__vendor_quota__"      429 {"message":"Limit Exceeded"} (quota, no Retry-After)
 *   +1 555-010-0403 / "__vendor_403__"        403 Forbidden
 *   +1 555-010-0500 / "__vendor_500__"        500
 *   +1 555-010-0503 / "__vendor_503__"        503, Retry-After: 7
 *   +1 555-010-0408 / "__vendor_timeout__"    hangs `hangMs` (default 60 s), then an empty 200
 *   +1 555-010-0001 / "__vendor_malformed__"  200 with a truncated, non-JSON body
 *   +1 555-010-0002 / "__vendor_schema__"     200 JSON of the wrong shape
 *   +1 555-010-0404 / "__no_match__"          200 {"results": []}
 * and the same faults scoped to this sandbox alone: +1 555-010-1NNN / "__whitepages_NNN__".
 */
import { Hono, type Context } from "hono";
import { getDataset, DEFAULT_SEED, DEFAULT_SIZES } from "../dataset/generate.ts";
import { searchPeople, type PersonCriteria } from "../dataset/search.ts";
import { formatAddress, fullName, type Dataset, type SynthAddress, type SynthPerson } from "../dataset/types.ts";
import { toE164 } from "../phone.ts";
import { RESERVED_RETRY_AFTER_SEC, reservedFault, type Fault } from "../reserved.ts";
import { DEFAULT_HANG_MS, sleep, type SandboxOptions } from "../sandbox-options.ts";
import { WHITEPAGES_MAX_PAGES, WHITEPAGES_MAX_PAGE_SIZE } from "./client.ts";

export type WhitepagesSandboxOptions = SandboxOptions & {
  /** Which documented email shape to emit: `{email}` (migration guide) or `{address}` (tutorials). */
  emailShape?: "email" | "address";
  /** Date the sandbox treats as "today" for min_age/max_age. */
  today?: Date;
};

const TEXT_PARAMS = ["name", "first_name", "middle_name", "last_name", "email", "street", "city", "state_code", "zipcode"] as const;
const MAX_RESULTS = 150;

export function createWhitepagesSandbox(opts: WhitepagesSandboxOptions = {}): Hono {
  const app = new Hono();
  const ds = (): Dataset => getDataset(opts.seed ?? DEFAULT_SEED, opts.sizes ?? DEFAULT_SIZES);
  const emailKey = opts.emailShape ?? "email";

  app.use("*", async (c, next) => {
    if (!c.req.header("x-api-key")) return c.json({ message: "Forbidden" }, 403);
    await sleep(opts.latencyMs ?? 0, c.req.raw.signal);
    await next();
  });

  const search = async (c: Context): Promise<Response> => {
    const q = c.req.query();
    const fault = reservedFault(q.phone, "whitepages") ?? TEXT_PARAMS.map((k) => reservedFault(q[k], "whitepages")).find((f) => f !== null) ?? null;
    if (fault) return faultResponse(c, fault, opts.hangMs ?? DEFAULT_HANG_MS);

    const page = Number(q.page ?? "1");
    const pageSize = Number(q.page_size ?? String(WHITEPAGES_MAX_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1 || page > WHITEPAGES_MAX_PAGES) return badRequest(c, "page must be an integer from 1 to 10");
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > WHITEPAGES_MAX_PAGE_SIZE) return badRequest(c, "page_size must be an integer from 1 to 15");
    if (q.name && (q.first_name || q.middle_name || q.last_name)) return badRequest(c, "name is mutually exclusive with first_name, middle_name and last_name");

    const criteria: PersonCriteria = { include_historical_locations: q.include_historical_locations === "true" };
    for (const k of TEXT_PARAMS) if (q[k]) criteria[k] = q[k];
    if (q.phone) {
      const e164 = toE164(q.phone);
      if (!e164) return badRequest(c, "phone is not a valid phone number");
      criteria.phone = e164;
    }
    if (!criteria.phone && !criteria.name && !criteria.first_name && !criteria.last_name && !criteria.street && !criteria.email) {
      return badRequest(c, "at least one of name, phone, email or street is required");
    }

    let hits = searchPeople(ds(), criteria);
    const minAge = q.min_age ? Number(q.min_age) : undefined;
    const maxAge = q.max_age ? Number(q.max_age) : undefined;
    if (minAge !== undefined || maxAge !== undefined) {
      const year = (opts.today ?? new Date()).getUTCFullYear();
      hits = hits.filter((h) => {
        const age = year - Number(h.person.date_of_birth.slice(0, 4));
        return (minAge === undefined || age >= minAge) && (maxAge === undefined || age <= maxAge);
      });
    }
    hits = hits.slice(0, MAX_RESULTS);
    const slice = hits.slice((page - 1) * pageSize, page * pageSize);
    return c.json({
      results: slice.map((h) => renderPerson(ds(), h.person, emailKey, h.score, h.matched_by)),
      metadata: { result_count: hits.length, page, page_size: pageSize },
    });
  };
  app.get("/v2/person/", search);
  app.get("/v2/person", search);

  app.get("/v2/person/:id", (c) => {
    const p = ds().personById.get(c.req.param("id"));
    if (!p) return c.json({ message: "Not Found" }, 404);
    return c.json({ result: renderPerson(ds(), p, emailKey, p.quality, []) });
  });

  app.notFound((c) => c.json({ message: "Not Found" }, 404));
  return app;
}

function badRequest(c: Context, long_message: string): Response {
  return c.json({ error: { code: 400, message: "Bad Request", long_message }, wp_trace_id: "sandbox-trace" }, 400);
}

async function faultResponse(c: Context, fault: Fault, hangMs: number): Promise<Response> {
  const retry = { "Retry-After": String(RESERVED_RETRY_AFTER_SEC) };
  switch (fault) {
    case "rate_limited":
      return c.json({ message: "Too Many Requests" }, 429, retry);
    case "quota_exhausted":
      return c.json({ message: "Limit Exceeded" }, 429);
    case "forbidden":
      return c.json({ message: "Forbidden" }, 403);
    case "server_error":
      return c.json({ message: "Internal server error" }, 500);
    case "unavailable":
      return c.json({ message: "Service Unavailable" }, 503, retry);
    case "timeout":
      await sleep(hangMs, c.req.raw.signal);
      return c.json({ results: [], metadata: { result_count: 0, page: 1, page_size: 15 } });
    case "malformed_json":
      return c.body('{"results": [{"id": "P0000000000", "name": "Trunc', 200, { "Content-Type": "application/json" });
    case "schema_violation":
      return c.json({ results: "none", metadata: { result_count: "many" } });
    case "no_match":
      return c.json({ results: [], metadata: { result_count: 0, page: 1, page_size: 15 } });
  }
}

function nationalFormat(e164: string): string {
  const d = e164.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

function renderAddress(a: SynthAddress, score: number): Record<string, unknown> {
  return { id: a.id, address: formatAddress(a), line1: a.line1, city: a.city, state: a.state_code, zip: a.zip, score };
}

export function renderPerson(ds: Dataset, p: SynthPerson, emailKey: "email" | "address", score: number, matchedBy: string[]): Record<string, unknown> {
  const relatives = p.relative_ids
    .map((id) => ds.personById.get(id))
    .filter((r): r is SynthPerson => !!r)
    .map((r) => ({ id: r.id, name: fullName(r) }));
  return {
    id: p.id,
    name: fullName(p),
    aliases: p.aliases,
    is_dead: p.is_dead,
    match_score: score,
    matched_by: matchedBy,
    current_addresses: p.current.map((a) => renderAddress(a, Math.min(99, p.quality + 2))),
    historic_addresses: p.historic.map((a) => renderAddress(a, Math.max(10, p.quality - 30))),
    owned_properties: p.owned.map((a) => renderAddress(a, p.quality)),
    phones: p.phones.map((ph) => ({ number: nationalFormat(ph.e164), type: ph.type, score: ph.score })),
    emails: p.emails.map((e) => ({ [emailKey]: e.email, score: e.score })),
    date_of_birth: p.date_of_birth,
    linkedin_url: p.linkedin_url,
    company_name: p.company_name,
    job_title: p.job_title,
    relatives,
    result_metadata: {
      details_url: `/v2/person/${p.id}`,
      phones: { displayed: p.phones.length, additional: 0 },
      emails: { displayed: p.emails.length, additional: 0 },
      historic_addresses: { displayed: p.historic.length, additional: 0 },
      owned_properties: { displayed: p.owned.length, additional: 0 },
    },
  };
}
