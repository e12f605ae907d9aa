import { VendorError, parseRetryAfter } from "../errors.ts";
import { DEFAULT_TIMEOUT_MS, errorText, fetchWithTimeout, readJson, trimSlash, type Fetch } from "../http.ts";
import type { PersonQueryMode, PersonSearchResult } from "../person.ts";
import { toE164, toVendorPhone } from "../phone.ts";
import { normalizeWhitepagesPerson } from "./normalize.ts";
import { WpSearchResponse, type WpPerson } from "./schema.ts";

export const WHITEPAGES_BASE_URL = "https://api.whitepages.com";
export const WHITEPAGES_VENDOR = "whitepages";
/** Vendor limits: page 1–10, page_size 1–15 (150 results per query at most). */
export const WHITEPAGES_MAX_PAGES = 10;
export const WHITEPAGES_MAX_PAGE_SIZE = 15;

export type WhitepagesClientOptions = {
  apiKey: string;
  fetch: Fetch;
  baseUrl?: string;
  timeoutMs?: number;
  pageSize?: number;
  /** Pages to follow per search; every page is a separately billed vendor query. */
  maxPages?: number;
  /** What one vendor query costs us (plan-dependent, so configuration). */
  costPerQueryMicroUsd?: number;
  now?: () => Date;
};

export type WhitepagesQuery = {
  phone?: string;
  name?: string;
  first_name?: string;
  middle_name?: string;
  last_name?: string;
  email?: string;
  street?: string;
  city?: string;
  state_code?: string;
  zipcode?: string;
  include_historical_locations?: boolean;
  include_fuzzy_matching?: boolean;
  min_age?: number;
  max_age?: number;
};

export type SearchOptions = { maxPages?: number; pageSize?: number; signal?: AbortSignal };

export const DEFAULT_WHITEPAGES_COST_PER_QUERY_MICRO_USD = 100_000;

export class WhitepagesClient {
  readonly vendor = WHITEPAGES_VENDOR;
  readonly #apiKey: string;
  readonly #fetch: Fetch;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #costPerQuery: number;
  readonly #now: () => Date;

  constructor(opts: WhitepagesClientOptions) {
    this.#apiKey = opts.apiKey;
    this.#fetch = opts.fetch;
    this.#baseUrl = trimSlash(opts.baseUrl ?? WHITEPAGES_BASE_URL);
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#pageSize = clamp(opts.pageSize ?? WHITEPAGES_MAX_PAGE_SIZE, 1, WHITEPAGES_MAX_PAGE_SIZE);
    this.#maxPages = clamp(opts.maxPages ?? 1, 1, WHITEPAGES_MAX_PAGES);
    this.#costPerQuery = opts.costPerQueryMicroUsd ?? DEFAULT_WHITEPAGES_COST_PER_QUERY_MICRO_USD;
    this.#now = opts.now ?? (() => new Date());
  }

  /** Reverse phone: Whitepages has no phone endpoint, it is person search by `phone`. */
  byPhone(phone: string, opts?: SearchOptions): Promise<PersonSearchResult> {
    return this.search({ phone }, opts);
  }

  byName(
    q: { name: string; city?: string; state_code?: string; street?: string; zipcode?: string },
    opts?: SearchOptions,
  ): Promise<PersonSearchResult> {
    return this.search(q, opts);
  }

  byAddress(q: { street: string; city?: string; state_code?: string; zipcode?: string }, opts?: SearchOptions): Promise<PersonSearchResult> {
    return this.search(q, opts);
  }

  /** Searches, follows pages up to `maxPages`, and normalizes every person. */
  async search(query: WhitepagesQuery, opts: SearchOptions = {}): Promise<PersonSearchResult> {
    const started = Date.now();
    const q = prepare(query);
    const pageSize = clamp(opts.pageSize ?? this.#pageSize, 1, WHITEPAGES_MAX_PAGE_SIZE);
    const maxPages = clamp(opts.maxPages ?? this.#maxPages, 1, WHITEPAGES_MAX_PAGES);
    const seen = new Set<string>();
    const people: WpPerson[] = [];
    let total = 0;
    let queries = 0;
    for (let page = 1; page <= maxPages; page++) {
      const res = await this.searchPage(q, page, pageSize, opts.signal);
      queries++;
      total = Math.max(total, res.metadata?.result_count ?? 0);
      for (const r of res.results) {
        if (!seen.has(r.id)) {
          seen.add(r.id);
          people.push(r);
        }
      }
      const knownTotal = res.metadata?.result_count;
      const exhausted = res.results.length < pageSize || (typeof knownTotal === "number" && page * pageSize >= knownTotal);
      if (exhausted) break;
    }
    total = Math.max(total, people.length);
    const observedAt = this.#now();
    const normalized = people.map((p) => normalizeWhitepagesPerson(p, { source: this.vendor, observedAt }));
    return {
      matched: normalized.length > 0,
      query_mode: queryMode(q),
      people: normalized,
      total_available: total,
      vendor: this.vendor,
      vendor_queries: queries,
      // Whitepages bills every 2xx page, empty or not (research §1.1), so misses cost us too.
      cost_micro_usd: queries * this.#costPerQuery,
      latency_ms: Date.now() - started,
    };
  }

  /** One raw page, validated. A 404 is an empty page, not an error. */
  async searchPage(query: WhitepagesQuery, page: number, pageSize: number, signal?: AbortSignal): Promise<WpSearchResponse> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === "") continue;
      params.set(k, String(v));
    }
    params.set("page", String(page));
    params.set("page_size", String(pageSize));
    const res = await fetchWithTimeout(
      this.vendor,
      this.#fetch,
      `${this.#baseUrl}/v2/person/?${params.toString()}`,
      { method: "GET", headers: { "X-Api-Key": this.#apiKey, Accept: "application/json" } },
      this.#timeoutMs,
      signal,
    );
    if (res.status === 404) {
      await res.body?.cancel();
      return { results: [], metadata: { result_count: 0, page, page_size: pageSize } };
    }
    if (!res.ok) throw await whitepagesError(res, this.#now());
    return readJson(this.vendor, res, WpSearchResponse);
  }
}

function prepare(query: WhitepagesQuery): WhitepagesQuery {
  const q: WhitepagesQuery = { ...query };
  if (q.phone !== undefined) {
    const e164 = toE164(q.phone);
    if (!e164) throw new RangeError(`not a phone number: ${JSON.stringify(q.phone)}`);
    q.phone = toVendorPhone(e164);
  }
  if (q.name && (q.first_name || q.middle_name || q.last_name)) {
    throw new RangeError("name cannot be combined with first_name/middle_name/last_name");
  }
  if (!q.phone && !q.name && !q.last_name && !q.first_name && !q.street && !q.email) {
    throw new RangeError("a person search needs a phone, a name, an email or a street");
  }
  return q;
}

function queryMode(q: WhitepagesQuery): PersonQueryMode {
  if (q.phone) return "reverse_phone";
  if (q.name || q.first_name || q.last_name) return "name";
  if (q.email) return "email";
  return "address";
}

async function whitepagesError(res: Response, now: Date): Promise<VendorError> {
  const text = await errorText(res);
  const status = res.status;
  const retryAfterSec = parseRetryAfter(res.headers, now);
  const base = { vendor: WHITEPAGES_VENDOR, status, ...(retryAfterSec === undefined ? {} : { retryAfterSec }) };
  if (status === 429) {
    // "Limit Exceeded" is the monthly/trial quota; retrying it only burns time (research §1.1).
    if (/limit exceeded/i.test(text)) {
      return new VendorError({ vendor: WHITEPAGES_VENDOR, status, kind: "unavailable", reason: "quota_exhausted", message: "Whitepages quota exhausted (Limit Exceeded)" });
    }
    return new VendorError({ ...base, kind: "rate_limited", reason: "throttled", message: "Whitepages throttled the request (429)" });
  }
  if (status === 401 || status === 403) {
    return new VendorError({ vendor: WHITEPAGES_VENDOR, status, kind: "unavailable", reason: "auth", message: `Whitepages refused the API key (${status})` });
  }
  if (status >= 500) {
    return new VendorError({ ...base, kind: "unavailable", reason: "server_error", message: `Whitepages server error (${status})` });
  }
  return new VendorError({ ...base, kind: "unavailable", reason: "rejected", message: `Whitepages rejected the request (${status}): ${text.slice(0, 200)}` });
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(n)));
}
