// US state codes and names: vendors disagree on which one a "region" is (Whitepages takes
// `state_code`, People Data Labs lower-case full names), so adapters translate through this table.

export const US_STATES = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
  CT: "Connecticut", DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia",
  HI: "Hawaii", ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas",
  KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland", MA: "Massachusetts",
  MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
  NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico",
  NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma",
  OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota",
  TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington",
  WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming", PR: "Puerto Rico",
} as const;

export type UsStateCode = keyof typeof US_STATES;

const BY_NAME = new Map<string, UsStateCode>(
  (Object.entries(US_STATES) as [UsStateCode, string][]).map(([code, name]) => [name.toLowerCase(), code]),
);

/** "PA" → "Pennsylvania"; null for anything that is not a US state code. */
export function stateName(code: string | null | undefined): string | null {
  if (!code) return null;
  return (US_STATES as Record<string, string>)[code.trim().toUpperCase()] ?? null;
}

/** "pennsylvania" / "Pennsylvania" / "PA" → "PA"; null when it names no state. */
export function stateCode(region: string | null | undefined): UsStateCode | null {
  if (!region) return null;
  const v = region.trim();
  if (v.length === 2 && v.toUpperCase() in US_STATES) return v.toUpperCase() as UsStateCode;
  return BY_NAME.get(v.toLowerCase()) ?? null;
}
