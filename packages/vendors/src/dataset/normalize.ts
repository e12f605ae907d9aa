// Match keys shared by the dataset indexes and the sandboxes' query parsing.

const STREET_ABBREV: Record<string, string> = {
  STREET: "ST", AVENUE: "AVE", ROAD: "RD", DRIVE: "DR", LANE: "LN", COURT: "CT",
  BOULEVARD: "BLVD", PLACE: "PL", NORTH: "N", SOUTH: "S", EAST: "E", WEST: "W",
};

export function streetKey(street: string): string {
  return street
    .toUpperCase()
    .replace(/[.,#]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => STREET_ABBREV[w] ?? w)
    .join(" ");
}

const BUSINESS_NOISE = new Set(["INC", "LLC", "CO", "CORP", "CORPORATION", "COMPANY", "LTD", "THE", "GROUP", "&", "AND", "SONS"]);

export function businessKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/[.,'"()]/g, " ")
    .split(/\s+/)
    .filter((w) => w && !BUSINESS_NOISE.has(w))
    .join(" ");
}

export function cityKey(city: string | null | undefined): string {
  return (city ?? "").trim().toUpperCase().replace(/\s+/g, " ");
}
