import type { NormalizedCompany } from "../company.ts";
import type { NormalizedPerson } from "../person.ts";
import { toE164 } from "../phone.ts";
import type { Provenance } from "../provenance.ts";
import { stateCode } from "../us-states.ts";
import { ageRangeFrom } from "../whitepages/normalize.ts";
import type { PdlCompany, PdlPerson, PdlStreetAddress } from "./schema.ts";

type Ctx = { source: string; observedAt: Date; likelihood: number | null; matched?: string[] };

/** PDL's likelihood is 1..10 (logarithmic); ours is 0..1. Unknown stays neutral. */
export function likelihoodToConfidence(likelihood: number | null | undefined): number {
  if (likelihood === null || likelihood === undefined || !Number.isFinite(likelihood)) return 0.5;
  return Math.min(10, Math.max(1, Math.round(likelihood))) / 10;
}

/** `true` means "exists, not unlocked by the plan": for us that is no value. */
const value = <T>(v: T | boolean | null | undefined): T | null => (v === null || v === undefined || typeof v === "boolean" ? null : v);

const nonEmpty = (s: string | null | undefined): s is string => typeof s === "string" && s.trim() !== "";

function addressFull(a: { street: string | null; city: string | null; state: string | null; zip: string | null }): string {
  const tail = [a.state, a.zip].filter(nonEmpty).join(" ");
  return [a.street, a.city, tail].filter(nonEmpty).join(", ");
}

const sameStreet = (a: string | null, b: string | null): boolean => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export function normalizePdlPerson(p: PdlPerson, ctx: Ctx): NormalizedPerson {
  const observed_at = ctx.observedAt.toISOString();
  const personConf = likelihoodToConfidence(ctx.likelihood);
  const prov = (confidence: number): Provenance => ({ source: ctx.source, observed_at, confidence });
  // Corroboration raises confidence a little: a value seen by several sources is likelier right.
  const seen = (n: number | null | undefined): number => Math.min(1, Math.round((personConf + Math.min(3, Math.max(0, (n ?? 1) - 1)) * 0.03) * 100) / 100);

  const full = p.full_name ?? [p.first_name, p.middle_name ?? p.middle_initial, p.last_name].filter(nonEmpty).join(" ");
  const names: NormalizedPerson["names"] = [];
  if (nonEmpty(full)) {
    names.push({
      value: { full, first: p.first_name ?? null, middle: p.middle_name ?? p.middle_initial ?? null, last: p.last_name ?? null, kind: "primary" },
      provenance: prov(personConf),
    });
  }
  for (const alias of p.name_aliases ?? []) {
    if (alias.toLowerCase() === full.toLowerCase()) continue;
    const parts = alias.trim().split(/\s+/);
    names.push({
      value: { full: alias, first: parts.length > 1 ? (parts[0] ?? null) : null, middle: parts.length > 2 ? parts.slice(1, -1).join(" ") : null, last: parts.at(-1) ?? null, kind: "alias" },
      provenance: prov(personConf),
    });
  }

  const mobile = value(p.mobile_phone);
  const mobileE164 = mobile ? toE164(mobile) : null;
  const phones: NormalizedPerson["phones"] = [];
  const addPhone = (raw: string | null | undefined, sources: number | null | undefined): void => {
    const e164 = raw ? toE164(raw) : null;
    if (!e164 || phones.some((x) => x.value.e164 === e164)) return;
    // PDL knows which number is the mobile; it says nothing about the others' line type.
    phones.push({ value: { e164, line_type: e164 === mobileE164 ? "mobile" : "unknown" }, provenance: prov(seen(sources)) });
  };
  for (const ph of p.phones ?? []) addPhone(ph.number, ph.num_sources);
  for (const n of value(p.phone_numbers) ?? []) addPhone(n, 1);
  addPhone(mobile, 1);

  const emails: NormalizedPerson["emails"] = [];
  const addEmail = (raw: string | null | undefined, sources: number | null | undefined): void => {
    const v = raw?.trim().toLowerCase();
    if (!v || !v.includes("@") || emails.some((x) => x.value === v)) return;
    emails.push({ value: v, provenance: prov(seen(sources)) });
  };
  for (const e of value(p.emails) ?? []) addEmail(e.address, e.num_sources);
  for (const e of value(p.personal_emails) ?? []) addEmail(e, 1);
  addEmail(value(p.work_email), 1);

  const currentStreet = value(p.location_street_address);
  const addresses: NormalizedPerson["addresses"] = [];
  const addAddress = (a: PdlStreetAddress): void => {
    const line1 = a.street_address ?? null;
    const city = a.locality ?? null;
    const state = stateCode(a.region) ?? a.region ?? null;
    const zip = a.postal_code ?? null;
    const full = addressFull({ street: line1, city, state, zip });
    if (!full || addresses.some((x) => x.value.full.toLowerCase() === full.toLowerCase())) return;
    addresses.push({
      value: {
        full, line1, city, state_code: state, zip,
        kind: sameStreet(line1, currentStreet) ? "current" : "historic",
        first_seen: a.first_seen ?? null,
        last_seen: a.last_seen ?? null,
        vendor_id: null,
      },
      provenance: prov(seen(a.num_sources)),
    });
  };
  for (const a of value(p.street_addresses) ?? []) addAddress(a);
  if (currentStreet && !addresses.some((a) => a.value.kind === "current")) {
    addAddress({
      street_address: currentStreet,
      locality: value(p.location_locality),
      region: value(p.location_region),
      postal_code: value(p.location_postal_code),
      last_seen: p.location_last_updated ?? null,
    });
  }

  const birthDate = value(p.birth_date);
  const birthYear = value(p.birth_year);
  const range = ageRangeFrom(birthDate ?? (birthYear ? String(birthYear) : null), null, ctx.observedAt);

  const job = { company_name: p.job_company_name ?? null, job_title: p.job_title ?? null, linkedin_url: p.linkedin_url ?? null };
  return {
    vendor: ctx.source,
    vendor_id: p.id ?? null,
    match_score: ctx.likelihood === null ? null : likelihoodToConfidence(ctx.likelihood),
    matched_by: ctx.matched ?? [],
    names,
    phones,
    emails,
    addresses,
    age_range: range ? { value: { ...range, date_of_birth: birthDate }, provenance: prov(personConf) } : null,
    associated_people: [],
    employment: job.company_name || job.job_title || job.linkedin_url ? { value: job, provenance: prov(personConf) } : null,
    // PDL has no death or TCPA signals: unknown, not false.
    compliance: { is_dead: null, litigator_risk: null },
  };
}

export function normalizePdlCompany(c: PdlCompany, ctx: Ctx): NormalizedCompany {
  const observed_at = ctx.observedAt.toISOString();
  const confidence = likelihoodToConfidence(ctx.likelihood ?? c.likelihood);
  const prov: Provenance = { source: ctx.source, observed_at, confidence };
  const on = <T>(v: T | null | undefined) => (v === null || v === undefined || v === "" ? null : { value: v, provenance: prov });
  const loc = c.location;
  const state = loc ? (stateCode(loc.region) ?? loc.region ?? null) : null;
  const location = loc
    ? {
        full: addressFull({ street: loc.street_address ?? null, city: loc.locality ?? null, state, zip: loc.postal_code ?? null }) || (loc.name ?? ""),
        line1: loc.street_address ?? null,
        city: loc.locality ?? null,
        state_code: state,
        zip: loc.postal_code ?? null,
        country: loc.country ?? null,
      }
    : null;
  const name = c.display_name ?? c.name ?? "";
  return {
    vendor: ctx.source,
    vendor_id: c.id ?? null,
    name: { value: name, provenance: prov },
    domain: on(c.website?.replace(/^https?:\/\//, "").replace(/\/$/, "")),
    industry: on(c.industry),
    employee_count: on(typeof c.employee_count === "number" ? Math.round(c.employee_count) : null),
    size: on(c.size),
    founded: on(typeof c.founded === "number" ? Math.round(c.founded) : null),
    location: location && location.full ? { value: location, provenance: prov } : null,
    linkedin_url: on(c.linkedin_url),
    summary: on(c.summary),
    tags: (c.tags ?? []).map((t) => ({ value: t, provenance: prov })),
  };
}
