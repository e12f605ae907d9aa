import { z } from "zod";
import { toE164 } from "@411data/vendors";
import { addressKey, businessNameKey, parseAddress, personNameKey, zip5 } from "./keys.ts";
import { classifyName, displayName, personNameOrder, type NameKind } from "./names.ts";
import { stateCode } from "./states.ts";

/** What callers send: any CRM row, any column names. Only the shape (an object) is enforced. */
export const LeadInput = z
  .record(z.string(), z.unknown())
  .describe("Free-form CRM row. Understood keys (any casing/spacing): contact_id, company, business_name, number1, street, city, state, zip, email, mailing_address, dm_name. Extra keys are ignored.");
export type LeadInput = z.infer<typeof LeadInput>;

export const NormalizedLead = z.object({
  contact_id: z.string().nullable(),
  /** The company column as given. */
  company: z.string().nullable(),
  company_kind: z.enum(["person", "business", "unknown"]).nullable(),
  /** Set when the company column reads as a business (or can't be told apart). */
  business_name: z.string().nullable(),
  /** dm_name, or the company column when it reads as a person's name. */
  person_name: z.string().nullable(),
  phone: z.string().nullable().describe("E.164 of number1 (or the first phone column)"),
  other_phones: z.array(z.string()),
  email: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable().describe("USPS two-letter code"),
  zip: z.string().nullable(),
  mailing_address: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type NormalizedLead = z.infer<typeof NormalizedLead>;

export type LeadIssue = { path: string; message: string };

/** Thrown for input no session can start from; maps to VALIDATION_FAILED (400, never billed). */
export class LeadValidationError extends Error {
  override readonly name = "LeadValidationError";
  readonly code = "VALIDATION_FAILED" as const;
  readonly issues: LeadIssue[];
  constructor(message: string, issues: LeadIssue[]) {
    super(message);
    this.issues = issues;
  }
}

// Compact keys (lower-case, no separators) so "Business Name", "business_name" and "BUSINESSNAME"
// all land in the same slot. Earlier aliases win when a row has several.
const ALIASES = {
  contact_id: ["contactid", "leadid", "recordid", "crmid", "id"],
  business: ["businessname", "company", "companyname", "business", "organization", "organisation", "accountname", "account"],
  person: ["dmname", "decisionmaker", "decisionmakername", "ownername", "owner", "contactname", "fullname", "name"],
  first_name: ["firstname", "first"],
  last_name: ["lastname", "last", "surname"],
  phone: ["number1", "phone", "phone1", "phonenumber", "telephone", "tel", "mainphone", "businessphone", "workphone", "mobile", "mobilephone", "cell", "cellphone"],
  other_phone: ["number2", "number3", "number4", "number5", "phone2", "phone3", "altphone", "alternatephone"],
  street: ["street", "address", "address1", "addressline1", "streetaddress", "street1", "line1"],
  city: ["city", "town"],
  state: ["state", "statecode", "st", "province", "region"],
  zip: ["zip", "zipcode", "postalcode", "postcode", "zip5"],
  email: ["email", "emailaddress", "email1", "mail"],
  mailing_address: ["mailingaddress", "fulladdress"],
} as const;
type Slot = keyof typeof ALIASES;

const compact = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, "");
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(v: unknown): string | null {
  if (typeof v === "string") return v.trim().replace(/\s+/g, " ") || null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "bigint") return String(v);
  return null;
}

function collect(row: Record<string, unknown>): Map<Slot, { key: string; value: string; numeric: boolean }[]> {
  const byCompact = new Map<string, { key: string; value: unknown }>();
  for (const [key, value] of Object.entries(row)) {
    const c = compact(key);
    if (!byCompact.has(c) || text(byCompact.get(c)?.value) === null) byCompact.set(c, { key, value });
  }
  const out = new Map<Slot, { key: string; value: string; numeric: boolean }[]>();
  for (const slot of Object.keys(ALIASES) as Slot[]) {
    const found: { key: string; value: string; numeric: boolean }[] = [];
    for (const alias of ALIASES[slot]) {
      const hit = byCompact.get(alias);
      const value = hit ? text(hit.value) : null;
      if (hit && value !== null) found.push({ key: hit.key, value, numeric: typeof hit.value === "number" });
    }
    out.set(slot, found);
  }
  return out;
}

/** Normalizes a free-form lead; throws LeadValidationError when nothing in it can be looked up. */
export function parseLead(input: unknown): NormalizedLead {
  const shape = LeadInput.safeParse(input);
  if (!shape.success || Array.isArray(input)) {
    throw new LeadValidationError("lead must be a JSON object (a CRM row)", [{ path: "lead", message: "expected an object" }]);
  }
  const slots = collect(shape.data);
  const first = (s: Slot) => slots.get(s)?.[0] ?? null;
  const warnings: string[] = [];

  const companyRaw = first("business")?.value ?? null;
  const companyKind: NameKind | null = companyRaw ? classifyName(companyRaw) : null;
  let person = first("person")?.value ?? null;
  if (!person) {
    const fn = first("first_name")?.value;
    const ln = first("last_name")?.value;
    if (fn && ln) person = `${fn} ${ln}`;
  }
  let business: string | null = null;
  // A generic "name" column may hold the business when there is no company column.
  if (!companyRaw && person && classifyName(person) === "business") {
    business = person;
    person = null;
  }
  if (companyRaw && companyKind === "person") {
    if (!person) person = companyRaw;
    else warnings.push(`company "${companyRaw}" reads as a person's name; using dm_name for the person hunt`);
  } else if (companyRaw) {
    business = companyRaw;
  }

  const phones: string[] = [];
  for (const slot of ["phone", "other_phone"] as const) {
    for (const p of slots.get(slot) ?? []) {
      const e164 = toE164(p.value);
      if (!e164) warnings.push(`${p.key} "${p.value}" is not a phone number; ignored`);
      else if (!phones.includes(e164)) phones.push(e164);
    }
  }

  let email = first("email")?.value.toLowerCase() ?? null;
  if (email && !EMAIL.test(email)) {
    warnings.push(`email "${email}" is not an email address; ignored`);
    email = null;
  }

  const mailing = first("mailing_address")?.value ?? null;
  const parsedMailing = mailing ? parseAddress(mailing) : null;
  let street = first("street")?.value ?? null;
  let city = first("city")?.value ?? null;
  const rawState = first("state")?.value ?? null;
  let state = rawState ? stateCode(rawState) : null;
  if (rawState && !state) warnings.push(`state "${rawState}" is not a US state; ignored`);
  const zipHit = first("zip");
  // A zip read from a JSON number has lost its leading zeros (02134 → 2134).
  const zipText = zipHit ? (zipHit.numeric && /^\d{3,4}$/.test(zipHit.value) ? zipHit.value.padStart(5, "0") : zipHit.value) : null;
  let zip = zip5(zipText);
  if (zipText && !zip) warnings.push(`zip "${zipText}" is not a US zip code; ignored`);
  if (parsedMailing && parsedMailing.city) {
    street ??= parsedMailing.line1;
    city ??= parsedMailing.city;
    state ??= parsedMailing.state_code ? stateCode(parsedMailing.state_code) : null;
    zip ??= parsedMailing.zip;
  }

  const lead: NormalizedLead = {
    contact_id: first("contact_id")?.value ?? null,
    company: companyRaw,
    company_kind: companyKind,
    business_name: business,
    person_name: person ? personNameOrder(person) : null,
    phone: phones[0] ?? null,
    other_phones: phones.slice(1),
    email,
    street,
    city: city ? displayName(city) : null,
    state,
    zip,
    mailing_address: mailing,
    warnings,
  };
  if (!lead.business_name && !lead.person_name && !lead.phone && !lead.street && !lead.email) {
    throw new LeadValidationError(
      "lead has nothing to look up: give at least a company/business_name, dm_name, number1, street or email",
      [{ path: "lead", message: "no usable field" }, ...warnings.map((w) => ({ path: "lead", message: w }))],
    );
  }
  return lead;
}

export type SafeLead = { ok: true; lead: NormalizedLead } | { ok: false; error: LeadValidationError };

export function safeParseLead(input: unknown): SafeLead {
  try {
    return { ok: true, lead: parseLead(input) };
  } catch (e) {
    if (e instanceof LeadValidationError) return { ok: false, error: e };
    throw e;
  }
}

/** The name the lead is "about": the person when there is one, else the business. */
export function leadDisplayName(lead: NormalizedLead): string {
  const n = lead.business_name ?? lead.person_name ?? lead.company;
  return n ? displayName(n) : lead.phone ?? lead.email ?? lead.street ?? "lead";
}

/**
 * Cache identity for warm seeding: same name and place → same key, however the row was cased or
 * spaced. The address identifies the place; the phone stands in when there is no street.
 */
export function leadIdentityKey(lead: NormalizedLead): string {
  const name = lead.business_name
    ? `b:${businessNameKey(lead.business_name)}`
    : lead.person_name
      ? `p:${personNameKey(lead.person_name)}`
      : "";
  const addr = addressKey({ line1: lead.street, city: lead.city, state_code: lead.state, zip: lead.zip });
  const where = addr ? `a:${addr}` : lead.phone ? `t:${lead.phone}` : lead.email ? `e:${lead.email}` : `s:${lead.state ?? ""}`;
  return `lead:v1|${name}|${where}`;
}
