import { z } from "zod";
import { sourced } from "./provenance.ts";

// Our vendor-neutral company: the `data` of enrich/company and each lead of leads/search. Every
// value carries provenance (SPEC §9), like a person's.

export const CompanyLocation = z.object({
  full: z.string(),
  line1: z.string().nullable(),
  city: z.string().nullable(),
  state_code: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
});
export type CompanyLocation = z.infer<typeof CompanyLocation>;

export const NormalizedCompany = z.object({
  vendor: z.string(),
  vendor_id: z.string().nullable(),
  name: sourced(z.string()),
  domain: sourced(z.string()).nullable(),
  industry: sourced(z.string()).nullable(),
  employee_count: sourced(z.number().int()).nullable(),
  size: sourced(z.string()).nullable(),
  founded: sourced(z.number().int()).nullable(),
  location: sourced(CompanyLocation).nullable(),
  linkedin_url: sourced(z.string()).nullable(),
  summary: sourced(z.string()).nullable(),
  tags: z.array(sourced(z.string())),
});
export type NormalizedCompany = z.infer<typeof NormalizedCompany>;

export const CompanyEnrichResult = z.object({
  matched: z.boolean(),
  company: NormalizedCompany.nullable(),
  /** The vendor's own match confidence, 0..1 (PDL likelihood / 10); null on a miss. */
  match_score: z.number().min(0).max(1).nullable(),
  vendor: z.string(),
  cost_micro_usd: z.number().int(),
  latency_ms: z.number(),
});
export type CompanyEnrichResult = z.infer<typeof CompanyEnrichResult>;

/** Filters a company search understands; every one given must hold. */
export const CompanyFilters = z.object({
  state_code: z.string().length(2).optional(),
  city: z.string().min(1).optional(),
  industry: z.string().min(1).optional(),
  name_prefix: z.string().min(1).optional(),
  min_employees: z.number().int().min(1).optional(),
  max_employees: z.number().int().min(1).optional(),
});
export type CompanyFilters = z.infer<typeof CompanyFilters>;

export const CompanySearchPage = z.object({
  companies: z.array(NormalizedCompany),
  total_available: z.number().int(),
  /** The vendor's token for the next page; null when this page is the last. */
  next_token: z.string().nullable(),
  vendor: z.string(),
  cost_micro_usd: z.number().int(),
  latency_ms: z.number(),
});
export type CompanySearchPage = z.infer<typeof CompanySearchPage>;
