import { businessKey, cityKey, streetKey } from "./normalize.ts";
import type { Dataset, SynthAddress, SynthBusiness, SynthPerson } from "./types.ts";

// Lookups over the synthetic dataset with the vendor's AND semantics: every criterion given must
// hold. Used by the sandboxes only; adapters never see SynthPerson.

export type PersonCriteria = {
  phone?: string; // E.164
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
};

export type PersonHit = { person: SynthPerson; score: number; matched_by: string[] };

const SUFFIX = /^(JR|SR|II|III|IV)\.?$/i;

export function splitName(name: string): { first?: string; middle?: string; last?: string } {
  const tokens = name.trim().split(/[\s,]+/).filter((t) => t && !SUFFIX.test(t));
  if (tokens.length === 0) return {};
  if (tokens.length === 1) return { last: tokens[0] };
  const out: { first?: string; middle?: string; last?: string } = {};
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first !== undefined) out.first = first;
  if (last !== undefined) out.last = last;
  if (tokens.length > 2) out.middle = tokens.slice(1, -1).join(" ");
  return out;
}

const eq = (a: string | null | undefined, b: string): boolean => (a ?? "").toUpperCase() === b.toUpperCase();

function nameMatches(p: SynthPerson, first?: string, middle?: string, last?: string): boolean {
  const candidates = [{ first: p.first, middle: p.middle, last: p.last }];
  for (const a of p.aliases) {
    const s = splitName(a);
    candidates.push({ first: s.first ?? "", middle: s.middle ?? null, last: s.last ?? "" });
  }
  return candidates.some(
    (c) =>
      (!last || eq(c.last, last)) &&
      (!first || eq(c.first, first) || (first.length === 1 && eq(c.first[0], first))) &&
      // A middle initial in the query must agree with a known middle name; unknown passes.
      (!middle || !c.middle || eq(c.middle[0], middle[0] ?? "")),
  );
}

function locationMatches(a: SynthAddress, c: PersonCriteria): boolean {
  return (
    (!c.street || streetKey(a.line1) === streetKey(c.street)) &&
    (!c.city || cityKey(a.city) === cityKey(c.city)) &&
    (!c.state_code || eq(a.state_code, c.state_code)) &&
    (!c.zipcode || a.zip === c.zipcode.trim().slice(0, 5))
  );
}

export function searchPeople(ds: Dataset, c: PersonCriteria): PersonHit[] {
  const parsed = c.name ? splitName(c.name) : {};
  const first = c.first_name ?? parsed.first;
  const middle = c.middle_name ?? parsed.middle;
  const last = c.last_name ?? parsed.last;
  const hasLocation = !!(c.street || c.city || c.state_code || c.zipcode);

  let pool: SynthPerson[];
  if (c.phone) pool = ds.peopleByPhone.get(c.phone) ?? [];
  else if (c.email) pool = ds.peopleByEmail.get(c.email.trim().toLowerCase()) ?? [];
  else if (last) pool = ds.peopleByLast.get(last.toUpperCase()) ?? [];
  else if (c.street) pool = ds.peopleByStreet.get(streetKey(c.street)) ?? [];
  else return [];

  const hits: PersonHit[] = [];
  for (const p of pool) {
    const matched_by: string[] = [];
    let score = p.quality;
    if (c.phone) {
      const ph = p.phones.find((x) => x.e164 === c.phone);
      if (!ph) continue;
      matched_by.push("phone");
      score = Math.round((p.quality + ph.score) / 2);
    }
    if (c.email) {
      if (!p.emails.some((e) => e.email.toLowerCase() === c.email?.trim().toLowerCase())) continue;
      matched_by.push("email");
    }
    if (first || last || middle) {
      if (!nameMatches(p, first, middle, last)) continue;
      matched_by.push("name");
    }
    if (hasLocation) {
      const places = c.include_historical_locations ? [...p.current, ...p.historic, ...p.owned] : [...p.current, ...p.owned];
      if (!places.some((a) => locationMatches(a, c))) continue;
      matched_by.push("address");
    }
    hits.push({ person: p, score: Math.max(1, Math.min(99, score)), matched_by });
  }
  hits.sort((a, b) => b.score - a.score || a.person.id.localeCompare(b.person.id));
  return hits;
}

export type BusinessCriteria = { name: string; city?: string; state?: string };

/** Best business for a name (+ optional city/state); tolerant of Inc/Co/punctuation. */
export function findBusiness(ds: Dataset, c: BusinessCriteria): SynthBusiness | null {
  const key = businessKey(c.name);
  if (!key) return null;
  let pool = ds.businessesByName.get(key) ?? [];
  if (pool.length === 0 && key.length >= 4) {
    pool = ds.businesses.filter((b) => {
      const k = businessKey(b.name);
      return k.includes(key) || key.includes(k);
    });
  }
  const inPlace = pool.filter(
    (b) => (!c.city || cityKey(b.address.city) === cityKey(c.city)) && (!c.state || eq(b.address.state_code, c.state.trim())),
  );
  return inPlace[0] ?? pool[0] ?? null;
}
