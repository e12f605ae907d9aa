import type { CompanyEnrichResult, CompanyFilters, CompanySearchPage } from "../company.ts";
import { VendorError, parseRetryAfter } from "../errors.ts";
import { DEFAULT_TIMEOUT_MS, errorText, fetchWithTimeout, parseJson, trimSlash, type Fetch } from "../http.ts";
import type { PersonQueryMode, PersonSearchResult } from "../person.ts";
import { toE164 } from "../phone.ts";
import { stateName } from "../us-states.ts";
import { likelihoodToConfidence, normalizePdlCompany, normalizePdlPerson } from "./normalize.ts";
import { PdlCompanyEnrichResponse, PdlCompanySearchResponse, PdlErrorBody, PdlPersonEnrichResponse } from "./schema.ts";

export const PDL_BASE_URL = "https://api.peopledatalabs.com";
export const PDL_VENDOR = "peopledatalabs";
/** Search pages hold 1..100 records (vendor limit). */
export const PDL_MAX_SEARCH_SIZE = 100;
/** PDL bills per match (a 404 is free); the price per credit depends on the plan. */
export const DEFAULT_PDL_COST_PER_MATCH_MICRO_USD = 100_000;
/** Company search bills per record returned. */
export const DEFAULT_PDL_COST_PER_SEARCH_RECORD_MICRO_USD = 2_000;

export type PdlClientOptions = {
  apiKey: string;
  fetch: Fetch;
  baseUrl?: string;
  timeoutMs?: number;
  /** Matches below this likelihood (1..10) come back as 404s, unbilled. */
  minLikelihood?: number;
  costPerMatchMicroUsd?: number;
  costPerSearchRecordMicroUsd?: number;
  now?: () => Date;
};

export type PdlPersonQuery = {
  phone?: string;
  email?: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  street?: string;
  city?: string;
  state_code?: string;
  zipcode?: string;
  company?: string;
};

export type PdlCompanyQuery = { name?: string; website?: string; city?: string; state_code?: string; linkedin_url?: string };

type Opts = { signal?: AbortSignal };

/**
 * People Data Labs v5: person enrichment (1:1 match by phone, email, or name + location),
 * company enrichment and company search. Auth is the `X-Api-Key` header.
 */
export class PdlClient {
  readonly vendor = PDL_VENDOR;
  readonly #apiKey: string;
  readonly #fetch: Fetch;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #minLikelihood: number | undefined;
  readonly #costPerMatch: number;
  readonly #costPerRecord: number;
  readonly #now: () => Date;

  constructor(opts: PdlClientOptions) {
    this.#apiKey = opts.apiKey;
    this.#fetch = opts.fetch;
    this.#baseUrl = trimSlash(opts.baseUrl ?? PDL_BASE_URL);
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#minLikelihood = opts.minLikelihood;
    this.#costPerMatch = opts.costPerMatchMicroUsd ?? DEFAULT_PDL_COST_PER_MATCH_MICRO_USD;
    this.#costPerRecord = opts.costPerSearchRecordMicroUsd ?? DEFAULT_PDL_COST_PER_SEARCH_RECORD_MICRO_USD;
    this.#now = opts.now ?? (() => new Date());
  }

  /** Whether PDL takes this query at all: an identifier, or a name with something to place it. */
  static canEnrichPerson(q: PdlPersonQuery): boolean {
    const named = !!(q.name || (q.first_name && q.last_name));
    return !!(q.phone || q.email || (named && (q.city || q.state_code || q.street || q.zipcode || q.company)));
  }

  byPhone(phone: string, opts?: Opts): Promise<PersonSearchResult> {
    return this.enrichPerson({ phone }, opts);
  }

  byEmail(email: string, opts?: Opts): Promise<PersonSearchResult> {
    return this.enrichPerson({ email }, opts);
  }

  byName(q: { name: string; city?: string; state_code?: string; street?: string; zipcode?: string }, opts?: Opts): Promise<PersonSearchResult> {
    return this.enrichPerson(q, opts);
  }

  /** One person or none: PDL enrichment is a 1:1 match, billed only when it matches. */
  async enrichPerson(query: PdlPersonQuery, opts: Opts = {}): Promise<PersonSearchResult> {
    if (!PdlClient.canEnrichPerson(query)) {
      throw new RangeError("PDL person enrichment needs a phone, an email, or a name with a location or company");
    }
    const started = Date.now();
    const params = new URLSearchParams();
    const set = (k: string, v: string | null | undefined): void => {
      if (v !== undefined && v !== null && v !== "") params.set(k, v);
    };
    if (query.phone !== undefined) {
      const e164 = toE164(query.phone);
      if (!e164) throw new RangeError(`not a phone number: ${JSON.stringify(query.phone)}`);
      set("phone", e164);
    }
    set("email", query.email?.trim().toLowerCase());
    set("name", query.name);
    set("first_name", query.first_name);
    set("last_name", query.last_name);
    set("street_address", query.street);
    set("locality", query.city);
    set("region", stateName(query.state_code) ?? query.state_code);
    set("postal_code", query.zipcode);
    set("company", query.company);
    if (query.city || query.state_code || query.street || query.zipcode) set("country", "united states");
    if (this.#minLikelihood !== undefined) set("min_likelihood", String(this.#minLikelihood));
    set("titlecase", "true");

    const res = await this.#get("/v5/person/enrich", params, opts.signal);
    const mode: PersonQueryMode = query.phone ? "reverse_phone" : query.email ? "email" : query.name || query.last_name ? "name" : "address";
    const base = { query_mode: mode, vendor: this.vendor, vendor_queries: 1 };
    if (res === null) {
      return { ...base, matched: false, people: [], total_available: 0, cost_micro_usd: 0, latency_ms: Date.now() - started };
    }
    const body = parseJson(this.vendor, res.text, PdlPersonEnrichResponse, res.status);
    const person = normalizePdlPerson(body.data, {
      source: this.vendor,
      observedAt: this.#now(),
      likelihood: body.likelihood,
      matched: body.matched ?? [],
    });
    return { ...base, matched: true, people: [person], total_available: 1, cost_micro_usd: this.#costPerMatch, latency_ms: Date.now() - started };
  }

  async enrichCompany(query: PdlCompanyQuery, opts: Opts = {}): Promise<CompanyEnrichResult> {
    if (!query.name && !query.website && !query.linkedin_url) {
      throw new RangeError("PDL company enrichment needs a name, a website or a profile");
    }
    const started = Date.now();
    const params = new URLSearchParams();
    if (query.name) params.set("name", query.name);
    if (query.website) params.set("website", query.website);
    if (query.linkedin_url) params.set("profile", query.linkedin_url);
    if (query.city) params.set("locality", query.city);
    const region = stateName(query.state_code) ?? query.state_code;
    if (region) params.set("region", region);
    if (query.city || query.state_code) params.set("country", "united states");
    if (this.#minLikelihood !== undefined) params.set("min_likelihood", String(this.#minLikelihood));
    params.set("titlecase", "true");
    const res = await this.#get("/v5/company/enrich", params, opts.signal);
    if (res === null) {
      return { matched: false, company: null, match_score: null, vendor: this.vendor, cost_micro_usd: 0, latency_ms: Date.now() - started };
    }
    const body = parseJson(this.vendor, res.text, PdlCompanyEnrichResponse, res.status);
    return {
      matched: true,
      company: normalizePdlCompany(body, { source: this.vendor, observedAt: this.#now(), likelihood: body.likelihood }),
      match_score: likelihoodToConfidence(body.likelihood),
      vendor: this.vendor,
      cost_micro_usd: this.#costPerMatch,
      latency_ms: Date.now() - started,
    };
  }

  /** One page of companies matching every filter, in the vendor's stable order. */
  async searchCompanies(filters: CompanyFilters, page: { size: number; scrollToken?: string | null }, opts: Opts = {}): Promise<CompanySearchPage> {
    const started = Date.now();
    const size = Math.min(PDL_MAX_SEARCH_SIZE, Math.max(1, Math.floor(page.size)));
    const body: Record<string, unknown> = { query: companyQuery(filters), size, titlecase: true };
    if (page.scrollToken) body.scroll_token = page.scrollToken;
    const res = await this.#send(
      "POST",
      "/v5/company/search",
      { "Content-Type": "application/json" },
      JSON.stringify(body),
      opts.signal,
    );
    if (res === null) {
      return { companies: [], total_available: 0, next_token: null, vendor: this.vendor, cost_micro_usd: 0, latency_ms: Date.now() - started };
    }
    const parsed = parseJson(this.vendor, res.text, PdlCompanySearchResponse, res.status);
    const observedAt = this.#now();
    return {
      companies: parsed.data.map((c) => normalizePdlCompany(c, { source: this.vendor, observedAt, likelihood: null })),
      total_available: parsed.total,
      next_token: parsed.scroll_token ?? null,
      vendor: this.vendor,
      cost_micro_usd: parsed.data.length * this.#costPerRecord,
      latency_ms: Date.now() - started,
    };
  }

  #get(path: string, params: URLSearchParams, signal?: AbortSignal) {
    return this.#send("GET", `${path}?${params.toString()}`, {}, undefined, signal);
  }

  /** The body text of a 200, null for a 404 (no match: free), a VendorError for anything else. */
  async #send(method: string, path: string, headers: Record<string, string>, body: string | undefined, signal?: AbortSignal): Promise<{ status: number; text: string } | null> {
    const res = await fetchWithTimeout(
      this.vendor,
      this.#fetch,
      `${this.#baseUrl}${path}`,
      { method, headers: { "X-Api-Key": this.#apiKey, Accept: "application/json", ...headers }, ...(body === undefined ? {} : { body }) },
      this.#timeoutMs,
      signal,
    );
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw await pdlError(res, this.#now());
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new VendorError({ vendor: this.vendor, kind: "unavailable", reason: "network", status: res.status, message: "PDL body could not be read", cause: e });
    }
    return { status: res.status, text };
  }
}

/** The filters as an Elasticsearch bool query over PDL's company fields (all lower-case). */
export function companyQuery(f: CompanyFilters): Record<string, unknown> {
  const must: Record<string, unknown>[] = [];
  const lc = (s: string) => s.trim().toLowerCase();
  if (f.state_code) {
    const name = stateName(f.state_code);
    must.push({ term: { "location.region": lc(name ?? f.state_code) } });
  }
  if (f.city) must.push({ term: { "location.locality": lc(f.city) } });
  if (f.industry) must.push({ term: { industry: lc(f.industry) } });
  if (f.name_prefix) must.push({ prefix: { name: lc(f.name_prefix) } });
  if (f.min_employees !== undefined || f.max_employees !== undefined) {
    must.push({
      range: {
        employee_count: {
          ...(f.min_employees === undefined ? {} : { gte: f.min_employees }),
          ...(f.max_employees === undefined ? {} : { lte: f.max_employees }),
        },
      },
    });
  }
  return must.length ? { bool: { must } } : { match_all: {} };
}

async function pdlError(res: Response, now: Date): Promise<VendorError> {
  const text = await errorText(res);
  const status = res.status;
  const retryAfterSec = parseRetryAfter(res.headers, now);
  let detail = "";
  try {
    const parsed = PdlErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) detail = `${parsed.data.error.type}: ${parsed.data.error.message}`;
  } catch {
    detail = text.slice(0, 200);
  }
  const base = { vendor: PDL_VENDOR, status, ...(retryAfterSec === undefined ? {} : { retryAfterSec }) };
  if (status === 429) return new VendorError({ ...base, kind: "rate_limited", reason: "throttled", message: `PDL throttled the request (429) ${detail}`.trim() });
  // 402: every credit of the plan is used; retrying will not help until it is topped up.
  if (status === 402) return new VendorError({ vendor: PDL_VENDOR, status, kind: "unavailable", reason: "quota_exhausted", message: "PDL credits exhausted (402)" });
  if (status === 401 || status === 403) return new VendorError({ vendor: PDL_VENDOR, status, kind: "unavailable", reason: "auth", message: `PDL refused the API key (${status})` });
  if (status >= 500) return new VendorError({ ...base, kind: "unavailable", reason: "server_error", message: `PDL server error (${status})` });
  return new VendorError({ ...base, kind: "unavailable", reason: "rejected", message: `PDL rejected the request (${status}) ${detail}`.trim() });
}
