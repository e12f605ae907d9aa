// Canonical keys: two spellings of the same phone, address, person or business must collapse to
// one key, so the graph dedupes, tried-tool inputs are recognised and the warm-seed cache hits.

const STREET_ABBREV: Record<string, string> = {
  STREET: "ST", STR: "ST", AVENUE: "AVE", AV: "AVE", ROAD: "RD", DRIVE: "DR", LANE: "LN", COURT: "CT",
  BOULEVARD: "BLVD", PLACE: "PL", HIGHWAY: "HWY", PARKWAY: "PKWY", TERRACE: "TER", CIRCLE: "CIR",
  SUITE: "STE", APARTMENT: "APT", NORTH: "N", SOUTH: "S", EAST: "E", WEST: "W",
  NORTHEAST: "NE", NORTHWEST: "NW", SOUTHEAST: "SE", SOUTHWEST: "SW",
};

/** Upper-case words, punctuation gone, whitespace collapsed. */
export function words(s: string): string[] {
  return s
    .toUpperCase()
    .replace(/['’]/g, "")
    .replace(/[^A-Z0-9&]+/g, " ")
    .split(" ")
    .filter(Boolean);
}

export function streetKey(street: string): string {
  return words(street).map((w) => STREET_ABBREV[w] ?? w).join(" ");
}

export function cityKey(city: string | null | undefined): string {
  return words(city ?? "").join(" ");
}

export function zip5(zip: string | null | undefined): string | null {
  const m = /^(\d{5})(?:-?\d{4})?$/.exec((zip ?? "").trim());
  return m?.[1] ?? null;
}

export type AddressParts = {
  line1: string | null;
  city: string | null;
  state_code: string | null;
  zip: string | null;
};

const FULL_ADDRESS = /^(.*?),\s*([^,]+?),\s*([A-Za-z]{2})\.?\s*(\d{5}(?:-?\d{4})?)?\s*$/;

/** "30 N Beaver St, New Castle, PA 16101" → parts; null fields when the text has another shape. */
export function parseAddress(full: string): AddressParts {
  const m = FULL_ADDRESS.exec(full.trim());
  if (!m) return { line1: full.trim() || null, city: null, state_code: null, zip: null };
  return {
    line1: m[1]?.trim() || null,
    city: m[2]?.trim() || null,
    state_code: m[3]?.toUpperCase() ?? null,
    zip: zip5(m[4]),
  };
}

/**
 * Street + zip when the zip is known (a zip pins the town), else street + city + state. Null
 * without a street: a city alone is not an address.
 */
export function addressKey(a: Partial<AddressParts>): string | null {
  if (!a.line1) return null;
  const street = streetKey(a.line1);
  if (!street) return null;
  const z = zip5(a.zip);
  if (z) return `${street}|${z}`;
  return `${street}|${cityKey(a.city)}|${(a.state_code ?? "").toUpperCase()}`;
}

/** Two address keys name the same place when street and zip agree, or street/city/state do. */
export function sameAddress(a: Partial<AddressParts>, b: Partial<AddressParts>): boolean {
  if (!a.line1 || !b.line1 || streetKey(a.line1) !== streetKey(b.line1)) return false;
  const za = zip5(a.zip);
  const zb = zip5(b.zip);
  if (za && zb) return za === zb;
  const ca = cityKey(a.city);
  const cb = cityKey(b.city);
  if (ca && cb && ca !== cb) return false;
  const sa = (a.state_code ?? "").toUpperCase();
  const sb = (b.state_code ?? "").toUpperCase();
  return !(sa && sb && sa !== sb);
}

const NAME_SUFFIX = new Set(["JR", "SR", "II", "III", "IV", "MD", "PHD", "ESQ"]);

export type NameParts = { first: string | null; middle: string | null; last: string | null };

/** "Manno, Joseph B" and "JOSEPH B MANNO" both become first/middle/last. */
export function splitPersonName(name: string): NameParts {
  let text = name.trim();
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text);
  if (comma && !/\b(JR|SR|II|III|IV)\.?$/i.test(comma[2]?.trim() ?? "")) text = `${comma[2]} ${comma[1]}`;
  const tokens = words(text).filter((t) => !NAME_SUFFIX.has(t));
  if (tokens.length === 0) return { first: null, middle: null, last: null };
  if (tokens.length === 1) return { first: null, middle: null, last: tokens[0] ?? null };
  return {
    first: tokens[0] ?? null,
    middle: tokens.length > 2 ? tokens.slice(1, -1).join(" ") : null,
    last: tokens[tokens.length - 1] ?? null,
  };
}

/** First + last only: middle names and initials are too often missing to be part of identity. */
export function personNameKey(name: string): string {
  const p = splitPersonName(name);
  return [p.first, p.last].filter(Boolean).join(" ");
}

/** Same first and last name, and middle initials that do not contradict each other. */
export function samePersonName(a: string, b: string): boolean {
  const pa = splitPersonName(a);
  const pb = splitPersonName(b);
  if (!pa.last || pa.last !== pb.last) return false;
  if (pa.first && pb.first && pa.first !== pb.first) return false;
  if (!pa.first !== !pb.first) return false;
  const ma = pa.middle?.[0];
  const mb = pb.middle?.[0];
  return !(ma && mb && ma !== mb);
}

const BUSINESS_SUFFIX = new Set([
  "INC", "INCORPORATED", "LLC", "L", "C", "CO", "CORP", "CORPORATION", "COMPANY", "LTD", "LIMITED",
  "LP", "LLP", "PLLC", "PC", "THE", "&", "AND",
]);

/** Business identity without legal-form noise: "Haney Furniture Co." → "HANEY FURNITURE". */
export function businessNameKey(name: string): string {
  const w = words(name);
  const core = w.filter((x) => !BUSINESS_SUFFIX.has(x));
  return (core.length ? core : w).join(" ");
}

export function entityKey(name: string, state: string | null | undefined): string {
  return `${businessNameKey(name)}|${(state ?? "").toUpperCase()}`;
}
