/**
 * People Data Labs sandbox: an in-process Hono app speaking PDL v5 over the synthetic dataset
 * (header `X-Api-Key` required, any value). No real person's data.
 *
 *   GET  /v5/person/enrich    phone | email | name (or first_name + last_name) with locality,
 *                             region, street_address, postal_code or company → 200 one person, 404
 *   GET  /v5/company/enrich   name | website | profile, with locality/region → 200 flat company, 404
 *   POST /v5/company/search   {query (Elasticsearch subset: bool must/filter/should/must_not, term,
 *                             terms, prefix, range, exists, match_all), size 1–100, scroll_token}
 *                             → {data, total, scroll_token}, 404 when nothing matches
 *
 * Records come back lower-case unless `titlecase=true`, like the real API. Errors use PDL's body
 * `{status, error: {type, message}}`.
 *
 * Reserved inputs (reserved.ts), in any parameter or query string value:
 *   +1 555-010-0429 / "__vendor_429__"        429 rate_limit_error, Retry-After: 7
 *   +1 555-010-0402 / "__vendor_quota__"      402 payment_required (credits used up)
 *   +1 555-010-0403 / "__vendor_403__"        401 authentication_error
 *   +1 555-010-0500 / "__vendor_500__"        500 api_error
 *   +1 555-010-0503 / "__vendor_503__"        503 api_error, Retry-After: 7
 *   +1 555-010-0408 / "__vendor_timeout__"    hangs `hangMs` (default 60 s), then a 404
 *   +1 555-010-0001 / "__vendor_malformed__"  200 with a truncated, non-JSON body
 *   +1 555-010-0002 / "__vendor_schema__"     200 JSON of the wrong shape
 *   +1 555-010-0404 / "__no_match__"          404 not_found
 * and the same faults scoped to this sandbox alone: +1 555-010-2NNN / "__peopledatalabs_NNN__".
 */
import { Hono, type Context } from "hono";
import { firmographicsOf } from "../dataset/firmographics.ts";
import { getDataset, DEFAULT_SEED, DEFAULT_SIZES } from "../dataset/generate.ts";
import { businessKey, cityKey } from "../dataset/normalize.ts";
import { createRng, hashString } from "../dataset/prng.ts";
import { searchPeople, type PersonCriteria } from "../dataset/search.ts";
import { fullName, type Dataset, type SynthAddress, type SynthBusiness, type SynthPerson } from "../dataset/types.ts";
import { toE164 } from "../phone.ts";
import { RESERVED_RETRY_AFTER_SEC, reservedFault, type Fault } from "../reserved.ts";
import { DEFAULT_HANG_MS, sleep, type SandboxOptions } from "../sandbox-options.ts";
import { stateCode, stateName } from "../us-states.ts";
import { PDL_MAX_SEARCH_SIZE, PDL_VENDOR } from "./client.ts";

export type PdlSandboxOptions = SandboxOptions & {
  /** Date the sandbox treats as "today" for last_seen dates. */
  today?: Date;
};

const PERSON_PARAMS = ["phone", "email", "name", "first_name", "last_name", "street_address", "locality", "region", "postal_code", "company", "profile"] as const;
const COMPANY_PARAMS = ["name", "website", "profile", "locality", "region", "ticker"] as const;
const DATASET_VERSION = "31.2";

export function createPdlSandbox(opts: PdlSandboxOptions = {}): Hono {
  const app = new Hono();
  const ds = (): Dataset => getDataset(opts.seed ?? DEFAULT_SEED, opts.sizes ?? DEFAULT_SIZES);
  const hangMs = opts.hangMs ?? DEFAULT_HANG_MS;
  const today = (): Date => opts.today ?? new Date();

  app.use("*", async (c, next) => {
    if (!c.req.header("x-api-key") && !c.req.query("api_key")) return pdlError(c, 401, "authentication_error", "Request needs a valid API key");
    await sleep(opts.latencyMs ?? 0, c.req.raw.signal);
    await next();
  });

  app.get("/v5/person/enrich", async (c) => {
    const q = c.req.query();
    const fault = firstFault(PERSON_PARAMS.map((k) => q[k]));
    if (fault) return faultResponse(c, fault, hangMs);

    const criteria: PersonCriteria = { include_historical_locations: true };
    if (q.phone) {
      const e164 = toE164(q.phone);
      if (!e164) return pdlError(c, 400, "invalid_request_error", "phone is not a valid phone number");
      criteria.phone = e164;
    }
    if (q.email) criteria.email = q.email.trim().toLowerCase();
    if (q.name) criteria.name = q.name;
    if (q.first_name) criteria.first_name = q.first_name;
    if (q.last_name) criteria.last_name = q.last_name;
    if (q.street_address) criteria.street = q.street_address;
    if (q.locality) criteria.city = q.locality;
    if (q.region) {
      const code = stateCode(q.region);
      if (!code) return notFound(c);
      criteria.state_code = code;
    }
    if (q.postal_code) criteria.zipcode = q.postal_code;
    const named = !!(criteria.name || (criteria.first_name && criteria.last_name));
    const placed = !!(criteria.city || criteria.state_code || criteria.street || criteria.zipcode || q.company);
    if (!criteria.phone && !criteria.email && !(named && placed)) {
      return pdlError(c, 400, "invalid_request_error", "Request must include a phone, an email, a profile, or a name with a location, company or school");
    }

    let hits = searchPeople(ds(), criteria);
    if (q.company) hits = hits.filter((h) => h.person.company_name && businessKey(h.person.company_name) === businessKey(q.company ?? ""));
    const best = hits[0];
    if (!best) return notFound(c);
    // One record, with a likelihood that drops when other people fit the input as well.
    const likelihood = clampInt(Math.round(best.score / 10) - (hits.length > 1 ? 1 : 0), 1, 10);
    if (q.min_likelihood && likelihood < Number(q.min_likelihood)) return notFound(c);
    const data = renderPerson(best.person, today(), q.titlecase === "true");
    if (q.required && !hasRequired(data, q.required)) return notFound(c);
    return c.json({ status: 200, likelihood, matched: best.matched_by.map((m) => (m === "address" ? "location" : m)), data });
  });

  app.get("/v5/company/enrich", async (c) => {
    const q = c.req.query();
    const fault = firstFault(COMPANY_PARAMS.map((k) => q[k]));
    if (fault) return faultResponse(c, fault, hangMs);
    if (!q.name && !q.website && !q.profile && !q.ticker) {
      return pdlError(c, 400, "invalid_request_error", "Request must include at least one of name, website, profile, ticker or pdl_id");
    }
    const found = findCompany(ds(), q);
    if (!found) return notFound(c);
    if (q.min_likelihood && found.likelihood < Number(q.min_likelihood)) return notFound(c);
    return c.json({ status: 200, likelihood: found.likelihood, ...renderCompany(found.business, q.titlecase === "true") });
  });

  app.post("/v5/company/search", async (c) => {
    let body: { query?: unknown; sql?: unknown; size?: unknown; scroll_token?: unknown; titlecase?: unknown };
    try {
      body = (await c.req.json()) as typeof body;
    } catch {
      return pdlError(c, 400, "invalid_request_error", "Request body must be JSON");
    }
    const fault = firstFault(stringsIn(body.query));
    if (fault) return faultResponse(c, fault, hangMs);
    if (body.sql !== undefined) return pdlError(c, 400, "invalid_request_error", "This sandbox answers Elasticsearch `query` only");
    if (body.query === undefined || typeof body.query !== "object" || body.query === null) {
      return pdlError(c, 400, "invalid_request_error", "Request must include `query` or `sql`");
    }
    const size = body.size === undefined ? 1 : Number(body.size);
    if (!Number.isInteger(size) || size < 1 || size > PDL_MAX_SEARCH_SIZE) return pdlError(c, 400, "invalid_request_error", "size must be between 1 and 100");
    let after = "";
    if (body.scroll_token !== undefined && body.scroll_token !== null) {
      const m = typeof body.scroll_token === "string" ? /^s1\$(B[0-9A-Z]{7,12})$/.exec(body.scroll_token) : null;
      if (!m?.[1]) return pdlError(c, 400, "invalid_request_error", "scroll_token is invalid");
      after = m[1];
    }
    let matches: SynthBusiness[];
    try {
      matches = ds().businesses.filter((b) => evaluate(body.query, companyDoc(b)));
    } catch (e) {
      if (e instanceof QueryError) return pdlError(c, 400, "invalid_request_error", e.message);
      throw e;
    }
    if (matches.length === 0) return notFound(c);
    // A stable order (by id) so a scroll never repeats or skips a record.
    matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rest = after ? matches.filter((b) => b.id > after) : matches;
    const page = rest.slice(0, size);
    const last = page.at(-1);
    const titlecase = body.titlecase === true || body.titlecase === "true";
    return c.json({
      status: 200,
      data: page.map((b) => renderCompany(b, titlecase)),
      total: matches.length,
      scroll_token: last && rest.length > page.length ? `s1$${last.id}` : null,
    });
  });

  app.notFound((c) => pdlError(c, 404, "not_found", "No such endpoint"));
  return app;
}

function firstFault(values: (string | undefined)[]): Fault | null {
  for (const v of values) {
    const f = reservedFault(v, PDL_VENDOR);
    if (f) return f;
  }
  return null;
}

function stringsIn(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (v && typeof v === "object") return Object.values(v).flatMap(stringsIn);
  return [];
}

const clampInt = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.round(n)));

function pdlError(c: Context, status: 400 | 401 | 402 | 404 | 429 | 500 | 503, type: string, message: string, headers?: Record<string, string>): Response {
  return c.json({ status, error: { type, message } }, status, headers);
}

const notFound = (c: Context): Response => pdlError(c, 404, "not_found", "No records were found matching your request");

async function faultResponse(c: Context, fault: Fault, hangMs: number): Promise<Response> {
  const retry = { "Retry-After": String(RESERVED_RETRY_AFTER_SEC) };
  switch (fault) {
    case "rate_limited":
      return pdlError(c, 429, "rate_limit_error", "An error occurred due to requests hitting the API too quick", retry);
    case "quota_exhausted":
      return pdlError(c, 402, "payment_required", "You have hit your account maximum (all matches used)");
    case "forbidden":
      return pdlError(c, 401, "authentication_error", "Request contained a missing or invalid key");
    case "server_error":
      return pdlError(c, 500, "api_error", "The server encountered an unexpected condition");
    case "unavailable":
      return pdlError(c, 503, "api_error", "Service temporarily unavailable", retry);
    case "timeout":
      await sleep(hangMs, c.req.raw.signal);
      return notFound(c);
    case "malformed_json":
      return c.body('{"status": 200, "likelihood": 8, "data": {"full_name": "trunc', 200, { "Content-Type": "application/json" });
    case "schema_violation":
      return c.json({ status: 200, likelihood: "high", data: ["not", "a", "record"] });
    case "no_match":
      return notFound(c);
  }
}

// --- people ---------------------------------------------------------------------------------

const cased = (s: string, titlecase: boolean): string => (titlecase ? s : s.toLowerCase());

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** First/last seen of one item, derived from its key so every call answers the same. */
function seen(key: string, current: boolean, today: Date): { first_seen: string; last_seen: string; num_sources: number } {
  const r = createRng(hashString(`pdl-seen:${key}`));
  const firstYear = r.int(2009, 2021);
  const first_seen = `${firstYear}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
  const lastYear = Math.min(today.getUTCFullYear() - 1, firstYear + r.int(1, 6));
  const last_seen = current ? `${day(today).slice(0, 7)}-01` : `${lastYear}-${String(r.int(1, 12)).padStart(2, "0")}-01`;
  return { first_seen, last_seen, num_sources: r.int(1, 9) };
}

function pdlId(key: string): string {
  return `${createRng(hashString(`pdl-id:${key}`)).alnum(22)}_0000`;
}

function renderStreet(a: SynthAddress, current: boolean, today: Date, titlecase: boolean): Record<string, unknown> {
  const region = stateName(a.state_code) ?? a.state_code;
  return {
    street_address: cased(a.line1, titlecase),
    address_line_2: null,
    locality: cased(a.city, titlecase),
    region: cased(region, titlecase),
    postal_code: a.zip,
    country: cased("United States", titlecase),
    name: cased(`${a.city}, ${region}, United States`, titlecase),
    ...seen(a.id, current, today),
  };
}

export function renderPerson(p: SynthPerson, today: Date, titlecase: boolean): Record<string, unknown> {
  const current = p.current[0] ?? null;
  const streets = new Map<string, Record<string, unknown>>();
  for (const a of p.current) streets.set(a.id, renderStreet(a, true, today, titlecase));
  for (const a of [...p.owned, ...p.historic]) if (!streets.has(a.id)) streets.set(a.id, renderStreet(a, false, today, titlecase));
  const mobile = p.phones.find((ph) => ph.type === "mobile")?.e164 ?? null;
  const region = current ? (stateName(current.state_code) ?? current.state_code) : null;
  return {
    id: pdlId(p.id),
    full_name: cased(fullName({ ...p, suffix: null }), titlecase),
    first_name: cased(p.first, titlecase),
    middle_name: p.middle && p.middle.length > 1 ? cased(p.middle, titlecase) : null,
    middle_initial: p.middle ? cased(p.middle[0] ?? "", titlecase) : null,
    last_name: cased(p.last, titlecase),
    name_aliases: p.aliases.map((a) => cased(a, titlecase)),
    sex: null,
    birth_year: Number(p.date_of_birth.slice(0, 4)),
    birth_date: p.date_of_birth,
    linkedin_url: p.linkedin_url?.replace(/^https:\/\/www\./, "") ?? null,
    job_title: p.job_title ? cased(p.job_title, titlecase) : null,
    job_company_name: p.company_name ? cased(p.company_name, titlecase) : null,
    job_last_verified: p.job_title ? `${day(today).slice(0, 7)}-01` : null,
    mobile_phone: mobile,
    phone_numbers: p.phones.map((ph) => ph.e164),
    phones: p.phones.map((ph) => ({ number: ph.e164, ...seen(`${p.id}:${ph.e164}`, true, today) })),
    emails: p.emails.map((e) => ({ address: e.email, type: "personal", ...seen(`${p.id}:${e.email}`, true, today) })),
    personal_emails: p.emails.map((e) => e.email),
    work_email: null,
    location_name: current && region ? cased(`${current.city}, ${region}, United States`, titlecase) : null,
    location_street_address: current ? cased(current.line1, titlecase) : null,
    location_locality: current ? cased(current.city, titlecase) : null,
    location_region: region ? cased(region, titlecase) : null,
    location_postal_code: current?.zip ?? null,
    location_country: cased("United States", titlecase),
    location_last_updated: current ? `${day(today).slice(0, 7)}-01` : null,
    street_addresses: [...streets.values()],
    dataset_version: DATASET_VERSION,
  };
}

function hasRequired(data: Record<string, unknown>, required: string): boolean {
  return required.split(/\s+(?:and|AND)\s+|,/).every((field) => {
    const v = data[field.trim()];
    return Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && v !== "";
  });
}

// --- companies ------------------------------------------------------------------------------

const cleanDomain = (w: string): string => w.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, "");

function findCompany(ds: Dataset, q: Record<string, string>): { business: SynthBusiness; likelihood: number } | null {
  const inPlace = (b: SynthBusiness): boolean =>
    (!q.locality || cityKey(b.address.city) === cityKey(q.locality)) &&
    (!q.region || stateCode(q.region) === b.address.state_code);
  if (q.website) {
    const domain = cleanDomain(q.website);
    const b = ds.businesses.find((x) => x.domain === domain);
    return b && inPlace(b) ? { business: b, likelihood: 10 } : null;
  }
  if (q.profile) {
    const slug = q.profile.toLowerCase().replace(/\/$/, "").split("/").at(-1) ?? "";
    const b = ds.businesses.find((x) => firmographicsOf(x).slug === slug);
    return b && inPlace(b) ? { business: b, likelihood: 10 } : null;
  }
  const key = businessKey(q.name ?? "");
  if (!key) return null;
  let pool = ds.businessesByName.get(key) ?? [];
  if (pool.length === 0 && key.length >= 4) pool = ds.businesses.filter((b) => businessKey(b.name).startsWith(key));
  const placed = pool.filter(inPlace);
  const best = placed[0];
  if (!best) return null;
  const located = !!(q.locality || q.region);
  return { business: best, likelihood: clampInt((located ? 9 : 7) - (placed.length > 1 ? 2 : 0), 1, 10) };
}

export function renderCompany(b: SynthBusiness, titlecase: boolean): Record<string, unknown> {
  const f = firmographicsOf(b);
  const region = stateName(b.address.state_code) ?? b.address.state_code;
  const industry = f.industry;
  const kind = f.trade ? f.trade.toLowerCase() : industry;
  return {
    id: b.id.toLowerCase(),
    name: b.name.toLowerCase(),
    display_name: b.name,
    website: b.domain,
    size: f.size,
    employee_count: f.employee_count,
    founded: f.founded,
    industry,
    type: "private",
    location: {
      name: cased(`${b.address.city}, ${region}, United States`, titlecase),
      locality: cased(b.address.city, titlecase),
      region: cased(region, titlecase),
      street_address: cased(b.address.line1, titlecase),
      address_line_2: null,
      postal_code: b.address.zip,
      country: cased("United States", titlecase),
    },
    linkedin_url: `linkedin.example.com/company/${f.slug}`,
    summary: `${b.name} is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} business in ${b.address.city}, ${b.address.state_code}.`,
    tags: f.trade ? [f.trade.toLowerCase()] : [],
  };
}

/** The fields a company search may query, flattened and lower-case as PDL indexes them. */
function companyDoc(b: SynthBusiness): Record<string, string | number | null> {
  const f = firmographicsOf(b);
  return {
    id: b.id.toLowerCase(),
    name: b.name.toLowerCase(),
    display_name: b.name.toLowerCase(),
    website: b.domain,
    industry: f.industry,
    size: f.size,
    employee_count: f.employee_count,
    founded: f.founded,
    type: "private",
    "location.locality": b.address.city.toLowerCase(),
    "location.region": (stateName(b.address.state_code) ?? b.address.state_code).toLowerCase(),
    "location.postal_code": b.address.zip,
    "location.street_address": b.address.line1.toLowerCase(),
    "location.country": "united states",
  };
}

class QueryError extends Error {}

type Doc = Record<string, string | number | null>;

function fieldOf(doc: Doc, field: string): string | number | null {
  if (!(field in doc)) throw new QueryError(`unknown or unsupported field: ${field}`);
  return doc[field] ?? null;
}

function single(clause: unknown, kind: string): [string, unknown] {
  if (!clause || typeof clause !== "object") throw new QueryError(`${kind} needs an object`);
  const entries = Object.entries(clause);
  const first = entries[0];
  if (entries.length !== 1 || !first) throw new QueryError(`${kind} takes exactly one field`);
  const [field, raw] = first;
  // `{term: {f: {value: x}}}` is the long form of `{term: {f: x}}`.
  const value = raw && typeof raw === "object" && !Array.isArray(raw) && "value" in raw ? (raw as { value: unknown }).value : raw;
  return [field, value];
}

const eqLoose = (a: string | number | null, b: unknown): boolean =>
  a !== null && (typeof b === "string" || typeof b === "number") && String(a).toLowerCase() === String(b).toLowerCase();

/** A subset of the Elasticsearch 7 query DSL, enough for filter-style company searches. */
function evaluate(q: unknown, doc: Doc): boolean {
  if (!q || typeof q !== "object" || Array.isArray(q)) throw new QueryError("a query clause must be an object");
  const entries = Object.entries(q);
  const first = entries[0];
  if (entries.length !== 1 || !first) throw new QueryError("a query clause has exactly one type");
  const [type, body] = first;
  switch (type) {
    case "match_all":
      return true;
    case "bool": {
      const b = (body ?? {}) as Record<string, unknown>;
      const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
      for (const k of Object.keys(b)) if (!["must", "filter", "should", "must_not", "minimum_should_match"].includes(k)) throw new QueryError(`bool.${k} is not supported`);
      const should = list(b.should);
      return (
        [...list(b.must), ...list(b.filter)].every((x) => evaluate(x, doc)) &&
        !list(b.must_not).some((x) => evaluate(x, doc)) &&
        (should.length === 0 || should.some((x) => evaluate(x, doc)))
      );
    }
    case "term": {
      const [field, value] = single(body, "term");
      return eqLoose(fieldOf(doc, field), value);
    }
    case "terms": {
      const [field, values] = single(body, "terms");
      if (!Array.isArray(values)) throw new QueryError("terms takes an array");
      const v = fieldOf(doc, field);
      return values.some((x) => eqLoose(v, x));
    }
    case "prefix": {
      const [field, value] = single(body, "prefix");
      const v = fieldOf(doc, field);
      return typeof value === "string" && v !== null && String(v).toLowerCase().startsWith(value.toLowerCase());
    }
    case "range": {
      const [field, bounds] = single(body, "range");
      const v = fieldOf(doc, field);
      if (!bounds || typeof bounds !== "object") throw new QueryError("range takes bounds");
      if (typeof v !== "number") return false;
      const b = bounds as Record<string, unknown>;
      const n = (k: string): number | undefined => (typeof b[k] === "number" ? (b[k] as number) : undefined);
      const [gte, gt, lte, lt] = [n("gte"), n("gt"), n("lte"), n("lt")];
      return (gte === undefined || v >= gte) && (gt === undefined || v > gt) && (lte === undefined || v <= lte) && (lt === undefined || v < lt);
    }
    case "exists": {
      const field = (body as { field?: unknown } | null)?.field;
      if (typeof field !== "string") throw new QueryError("exists takes a field");
      const v = fieldOf(doc, field);
      return v !== null && v !== "";
    }
    default:
      throw new QueryError(`query type ${type} is not supported`);
  }
}
