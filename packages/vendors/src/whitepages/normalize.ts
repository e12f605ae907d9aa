import type { NormalizedPerson, LineType } from "../person.ts";
import { scoreToConfidence, type Provenance } from "../provenance.ts";
import { toE164 } from "../phone.ts";
import type { WpAddress, WpEmail, WpPerson } from "./schema.ts";

type Ctx = { source: string; observedAt: Date };

const LINE_TYPES: Record<string, LineType> = {
  mobile: "mobile", cell: "mobile", wireless: "mobile",
  landline: "landline", fixed: "landline", fixed_line: "landline",
  voip: "voip", fixedvoip: "voip", nonfixedvoip: "voip", fixed_voip: "voip", non_fixed_voip: "voip",
  toll_free: "toll_free", tollfree: "toll_free",
};

export function lineType(raw: string | null | undefined): LineType {
  if (!raw) return "unknown";
  return LINE_TYPES[raw.toLowerCase().replace(/[\s-]/g, "_")] ?? "other";
}

const SUFFIX = /^(jr|sr|ii|iii|iv)\.?$/i;

function splitFullName(full: string): { first: string | null; middle: string | null; last: string | null } {
  const tokens = full.trim().split(/\s+/).filter((t) => t && !SUFFIX.test(t));
  if (tokens.length === 0) return { first: null, middle: null, last: null };
  if (tokens.length === 1) return { first: null, middle: null, last: tokens[0] ?? null };
  return {
    first: tokens[0] ?? null,
    middle: tokens.length > 2 ? tokens.slice(1, -1).join(" ") : null,
    last: tokens[tokens.length - 1] ?? null,
  };
}

const ADDRESS_RE = /^(.*?),\s*([^,]+),\s*([A-Z]{2})\s+(\d{5})(?:-\d{4})?$/;

function parseAddress(a: WpAddress): { full: string; line1: string | null; city: string | null; state_code: string | null; zip: string | null } | null {
  const full = a.address ?? a.full_address ?? ([a.line1, a.city, [a.state, a.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ") || null);
  if (!full) return null;
  const m = ADDRESS_RE.exec(full.trim());
  return {
    full,
    line1: a.line1 ?? m?.[1] ?? null,
    city: a.city ?? m?.[2] ?? null,
    state_code: a.state ?? m?.[3] ?? null,
    zip: a.zip ?? m?.[4] ?? null,
  };
}

function emailOf(e: WpEmail): { email: string; score: number | null | undefined } {
  if (typeof e === "string") return { email: e, score: undefined };
  return "email" in e ? { email: e.email, score: e.score } : { email: e.address, score: e.score };
}

/** Age bounds at `at`: exact for a full date of birth, a year-wide range for year(-month) only. */
export function ageRangeFrom(dob: string | null | undefined, age: number | null | undefined, at: Date): { min: number; max: number } | null {
  if (typeof age === "number" && Number.isFinite(age)) return { min: Math.floor(age), max: Math.floor(age) };
  if (!dob) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(dob);
  if (!m) return null;
  const y = Number(m[1]);
  const nowY = at.getUTCFullYear();
  if (m[2] === undefined || m[3] === undefined) return { min: nowY - y - 1, max: nowY - y };
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const hadBirthday = at.getUTCMonth() + 1 > mo || (at.getUTCMonth() + 1 === mo && at.getUTCDate() >= d);
  const exact = nowY - y - (hadBirthday ? 0 : 1);
  return { min: exact, max: exact };
}

export function normalizeWhitepagesPerson(r: WpPerson, ctx: Ctx): NormalizedPerson {
  const observed_at = ctx.observedAt.toISOString();
  const day = observed_at.slice(0, 10);
  const personConf = scoreToConfidence(r.match_score);
  const prov = (confidence: number): Provenance => ({ source: ctx.source, observed_at, confidence });

  const names: NormalizedPerson["names"] = [
    { value: { full: r.name, ...splitFullName(r.name), kind: "primary" }, provenance: prov(personConf) },
  ];
  for (const alias of r.aliases ?? []) {
    if (alias !== r.name) names.push({ value: { full: alias, ...splitFullName(alias), kind: "alias" }, provenance: prov(personConf) });
  }

  const phones: NormalizedPerson["phones"] = [];
  for (const p of r.phones ?? []) {
    const e164 = toE164(p.number);
    if (!e164 || phones.some((x) => x.value.e164 === e164)) continue;
    phones.push({ value: { e164, line_type: lineType(p.type) }, provenance: prov(scoreToConfidence(p.score)) });
  }

  const emails: NormalizedPerson["emails"] = [];
  for (const raw of r.emails ?? []) {
    const { email, score } = emailOf(raw);
    const value = email.trim().toLowerCase();
    if (!value.includes("@") || emails.some((x) => x.value === value)) continue;
    emails.push({ value, provenance: prov(scoreToConfidence(score)) });
  }

  const addresses: NormalizedPerson["addresses"] = [];
  const addAll = (list: WpAddress[] | null | undefined, kind: "current" | "historic" | "owned"): void => {
    for (const a of list ?? []) {
      const parsed = parseAddress(a);
      if (!parsed) continue;
      addresses.push({
        value: { ...parsed, kind, first_seen: null, last_seen: kind === "current" ? day : null, vendor_id: a.id ?? a.address_id ?? null },
        provenance: prov(a.score === null || a.score === undefined ? personConf : scoreToConfidence(a.score)),
      });
    }
  };
  addAll(r.current_addresses, "current");
  addAll(r.historic_addresses, "historic");
  addAll(r.owned_properties, "owned");

  const range = ageRangeFrom(r.date_of_birth, r.age, ctx.observedAt);
  const associated_people: NormalizedPerson["associated_people"] = (r.relatives ?? []).map((rel) => ({
    value: typeof rel === "string" ? { name: rel, relation: "relative", vendor_id: null } : { name: rel.name, relation: "relative", vendor_id: rel.id ?? null },
    provenance: prov(personConf),
  }));

  const hasJob = r.company_name || r.job_title || r.linkedin_url;
  return {
    vendor: ctx.source,
    vendor_id: r.id,
    match_score: r.match_score === null || r.match_score === undefined ? null : scoreToConfidence(r.match_score),
    matched_by: r.matched_by ?? [],
    names,
    phones,
    emails,
    addresses,
    age_range: range ? { value: { ...range, date_of_birth: r.date_of_birth ?? null }, provenance: prov(personConf) } : null,
    associated_people,
    employment: hasJob
      ? { value: { company_name: r.company_name ?? null, job_title: r.job_title ?? null, linkedin_url: r.linkedin_url ?? null }, provenance: prov(personConf) }
      : null,
    compliance: {
      is_dead: typeof r.is_dead === "boolean" ? { value: r.is_dead, provenance: prov(personConf) } : null,
      litigator_risk: null,
    },
  };
}
