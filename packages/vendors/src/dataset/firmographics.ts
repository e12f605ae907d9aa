import { createRng, hashString } from "./prng.ts";
import { TRADES } from "./lists.ts";
import type { SynthBusiness } from "./types.ts";

// Firmographics of a synthetic business, derived from its id and name rather than drawn from the
// dataset's generator: adding them leaves every generated record exactly as it was.

/** Industries the sandbox businesses fall into, in People Data Labs' canonical lower-case names. */
export const COMPANY_INDUSTRIES = [
  "automotive", "accounting", "building materials", "construction", "consumer services",
  "environmental services", "facilities services", "food & beverages", "food production", "furniture",
  "health, wellness and fitness", "insurance", "medical practice", "printing", "real estate", "retail",
  "wholesale",
] as const;
export type CompanyIndustry = (typeof COMPANY_INDUSTRIES)[number];

const TRADE_INDUSTRY: Record<(typeof TRADES)[number], CompanyIndustry> = {
  Furniture: "furniture",
  "Window Cleaning": "facilities services",
  Plumbing: "construction",
  Roofing: "construction",
  Landscaping: "environmental services",
  "Auto Repair": "automotive",
  Bakery: "food production",
  Hardware: "retail",
  "Dental Care": "medical practice",
  "Insurance Agency": "insurance",
  "Pest Control": "consumer services",
  Printing: "printing",
  Flooring: "building materials",
  "Heating & Cooling": "construction",
  Electric: "construction",
  Catering: "food & beverages",
  Fitness: "health, wellness and fitness",
  Realty: "real estate",
  "Tax Service": "accounting",
  "Pet Grooming": "consumer services",
};

/** People Data Labs' size buckets. */
export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-500"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export type Firmographics = {
  industry: CompanyIndustry;
  trade: string | null;
  employee_count: number;
  size: CompanySize;
  founded: number;
  /** LinkedIn-style handle: the domain's name plus a bit of the id, since trade names repeat. */
  slug: string;
};

export function sizeOf(employees: number): CompanySize {
  if (employees <= 10) return "1-10";
  if (employees <= 50) return "11-50";
  if (employees <= 200) return "51-200";
  return "201-500";
}

const cache = new WeakMap<SynthBusiness, Firmographics>();

export function firmographicsOf(b: SynthBusiness): Firmographics {
  const hit = cache.get(b);
  if (hit) return hit;
  const trade = TRADES.find((t) => b.name.includes(t)) ?? null;
  const r = createRng(hashString(`firmographics:${b.id}`));
  // Mostly small local businesses, as in a CRM of leads; a few larger ones.
  const bucket = r.next();
  const employee_count = bucket < 0.6 ? r.int(1, 10) : bucket < 0.85 ? r.int(11, 50) : bucket < 0.97 ? r.int(51, 200) : r.int(201, 500);
  const out: Firmographics = {
    industry: trade ? TRADE_INDUSTRY[trade] : "wholesale",
    trade,
    employee_count,
    size: sizeOf(employee_count),
    founded: r.int(1948, 2023),
    slug: `${b.domain.replace(/\.example\.com$/, "")}-${b.id.slice(-4).toLowerCase()}`,
  };
  cache.set(b, out);
  return out;
}
