import type { Context } from "hono";
import { PdlClient, type PersonSearchResult, type VendorMode, type Vendors, waterfall, WaterfallExhaustedError, type WaterfallStep } from "@411data/vendors";
import type { Config } from "../config.ts";
import type { AppEnv, LogFields } from "../context.ts";
import type { PeopleResult } from "../schemas/people.ts";
import type { PersonBody } from "../schemas/person.ts";
import { normalizePhone } from "../schemas/phone.ts";
import type { PaidWork } from "./billing/paid-call.ts";
import { hopLog, hopViews, type HopView, vendorFailure, vendorsOf } from "./vendors.ts";

// People lookups across vendors (SPEC §9 waterfall): Whitepages first, then the configured
// fallback when Whitepages fails (429/5xx/timeout/malformed) or misses. The caller pays one price,
// on match only, whoever answered; every hop is kept for the request log and the answer.

type Place = { city?: string; state_code?: string; zipcode?: string };

export type PeopleQuery =
  | { mode: "reverse_phone"; phone: string }
  | { mode: "email"; email: string }
  | ({ mode: "name"; name: string; street?: string } & Place)
  | ({ mode: "address"; street: string } & Place);

export interface PeopleLookup {
  result: PersonSearchResult;
  vendorMode: VendorMode;
  hops: HopView[];
  /** What every hop cost us together (misses too: Whitepages bills them). */
  cogs: number;
  logHops: string[];
}

type Step = WaterfallStep<PersonSearchResult>;
const opt = (signal?: AbortSignal) => (signal ? { signal } : {});

function whitepagesStep(v: Vendors, q: PeopleQuery): Step {
  const wp = v.whitepages;
  const run = (signal?: AbortSignal): Promise<PersonSearchResult> => {
    switch (q.mode) {
      case "reverse_phone":
        return wp.byPhone(q.phone, opt(signal));
      case "email":
        return wp.search({ email: q.email }, opt(signal));
      case "name": {
        const { mode: _m, ...rest } = q;
        return wp.byName(rest, opt(signal));
      }
      case "address": {
        const { mode: _m, ...rest } = q;
        return wp.byAddress(rest, opt(signal));
      }
    }
  };
  return { vendor: wp.vendor, run };
}

/** The fallback, when one is configured and it can take this kind of query at all. */
function fallbackStep(v: Vendors, config: Config, q: PeopleQuery): Step | null {
  if (config.FALLBACK_PERSON_VENDOR !== "peopledatalabs") return null;
  const query =
    q.mode === "reverse_phone" ? { phone: q.phone }
    : q.mode === "email" ? { email: q.email }
    : q.mode === "name" ? { name: q.name, city: q.city, state_code: q.state_code, street: q.street, zipcode: q.zipcode }
    : null;
  // PDL matches on an identifier or a placed name; it has no address-only search.
  if (!query || !PdlClient.canEnrichPerson(query)) return null;
  return { vendor: v.pdl.vendor, run: (signal) => v.pdl.enrichPerson(query, opt(signal)) };
}

export interface VendorAnswer<T> {
  value: T;
  vendor: string;
  hops: HopView[];
  logHops: string[];
  cogs: number;
}

/**
 * Runs vendor steps in order until one matches, with the hop bookkeeping every route shares:
 * when all of them fail the hops go to the request log (paidCall never sees an outcome then)
 * and the caller gets VENDOR_UNAVAILABLE with Retry-After, uncharged.
 */
export async function askVendors<T>(
  c: Context<AppEnv>,
  steps: WaterfallStep<T>[],
  opts: { isMatch: (value: T) => boolean; costOf: (value: T) => number },
): Promise<VendorAnswer<T>> {
  return askVendorsFor(c.get("log"), steps, opts);
}

async function askVendorsFor<T>(
  log: Pick<LogFields, "vendorHops">,
  steps: WaterfallStep<T>[],
  opts: { isMatch: (value: T) => boolean; costOf: (value: T) => number },
): Promise<VendorAnswer<T>> {
  try {
    const w = await waterfall(steps, opts);
    if (w.value === null || w.vendor === null) throw new Error("no vendor step was run");
    return { value: w.value, vendor: w.vendor, hops: hopViews(w.hops), logHops: hopLog(w.hops), cogs: w.cost_micro_usd };
  } catch (err) {
    if (err instanceof WaterfallExhaustedError) log.vendorHops = hopLog(err.hops);
    return vendorFailure(err);
  }
}

export async function lookupPeople(c: Context<AppEnv>, q: PeopleQuery): Promise<PeopleLookup> {
  return lookupPeopleFor({ config: c.get("config"), log: c.get("log"), vendors: vendorsOf(c) }, q);
}

/** Where a lookup runs outside a request (a batch row on the queue): its config, log fields and vendor clients. */
export interface LookupScope {
  config: Config;
  log: Pick<LogFields, "vendorHops">;
  vendors: Vendors;
}

export async function lookupPeopleFor(scope: LookupScope, q: PeopleQuery): Promise<PeopleLookup> {
  const { vendors } = scope;
  const steps = [whitepagesStep(vendors, q), fallbackStep(vendors, scope.config, q)].filter((s): s is Step => s !== null);
  const answer = await askVendorsFor(scope.log, steps, { isMatch: (r) => r.matched, costOf: (r) => r.cost_micro_usd });
  return {
    result: answer.value,
    vendorMode: vendors.modes[answer.value.vendor as keyof Vendors["modes"]] ?? "sandbox",
    hops: answer.hops,
    cogs: answer.cogs,
    logHops: answer.logHops,
  };
}

/** A validated person body → the people query it asks (and its E.164 phone); a bad phone is a free 400. */
export function personQuery(body: PersonBody): { query: PeopleQuery; phone: string | null } {
  const phone = body.phone ? normalizePhone(body.phone) : null;
  const place = {
    ...(body.city ? { city: body.city } : {}),
    ...(body.state_code ? { state_code: body.state_code } : {}),
    ...(body.zip ? { zipcode: body.zip } : {}),
  };
  // The most specific key the caller gave decides the query; the vendor ranks the rest.
  const query: PeopleQuery = body.name
    ? { mode: "name", name: body.name, ...place, ...(body.street ? { street: body.street } : {}) }
    : phone
      ? { mode: "reverse_phone", phone }
      : { mode: "address", street: body.street!, ...place };
  return { query, phone };
}

/** The paid outcome of a people lookup, the same for every route that answers PeopleResult. */
export function peopleWork(lookup: PeopleLookup, phoneE164: string | null): PaidWork<PeopleResult> {
  const { result } = lookup;
  return {
    matched: result.matched,
    cogs: lookup.cogs,
    vendorHops: lookup.logHops,
    body: {
      matched: result.matched,
      data: { people: result.people },
      metadata: {
        query_mode: result.query_mode,
        vendor: result.vendor,
        vendor_mode: lookup.vendorMode,
        latency_ms: lookup.hops.reduce((sum, h) => sum + h.latency_ms, 0),
        total_available: result.total_available,
        phone_e164: phoneE164,
        vendor_hops: lookup.hops,
      },
    },
  };
}
