import { z } from "zod";

// People Data Labs v5 responses as we accept them (peopledatalabs-js `src/types/*`, the docs'
// Errors page). Nullable wherever the vendor may send null; contact fields may be `true` instead
// of a value when the plan does not unlock them; unknown fields are dropped.

const str = z.string().nullish();
const num = z.number().nullish();
/** A value, or `true` meaning "exists, not in your plan". */
const locked = <T extends z.ZodType>(value: T) => z.union([value, z.boolean()]).nullish();

export const PdlPhone = z.object({ number: str, first_seen: str, last_seen: str, num_sources: num });
export const PdlEmail = z.object({ address: str, type: str, first_seen: str, last_seen: str, num_sources: num });
export const PdlStreetAddress = z.object({
  street_address: str,
  address_line_2: str,
  locality: str,
  region: str,
  postal_code: str,
  country: str,
  name: str,
  full_address: str,
  first_seen: str,
  last_seen: str,
  num_sources: num,
});
export type PdlStreetAddress = z.infer<typeof PdlStreetAddress>;

export const PdlPerson = z.object({
  id: str,
  full_name: str,
  first_name: str,
  middle_name: str,
  middle_initial: str,
  last_name: str,
  name_aliases: z.array(z.string()).nullish(),
  birth_year: locked(z.number()),
  birth_date: locked(z.string()),
  linkedin_url: str,
  job_title: str,
  job_company_name: str,
  job_last_verified: str,
  mobile_phone: locked(z.string()),
  phone_numbers: locked(z.array(z.string())),
  phones: z.array(PdlPhone).nullish(),
  emails: locked(z.array(PdlEmail)),
  personal_emails: locked(z.array(z.string())),
  work_email: locked(z.string()),
  location_street_address: locked(z.string()),
  location_locality: locked(z.string()),
  location_region: locked(z.string()),
  location_postal_code: locked(z.string()),
  location_last_updated: str,
  street_addresses: locked(z.array(PdlStreetAddress)),
  dataset_version: str,
});
export type PdlPerson = z.infer<typeof PdlPerson>;

export const PdlPersonEnrichResponse = z.object({
  status: z.literal(200),
  likelihood: z.number().int().min(1).max(10),
  matched: z.array(z.string()).nullish(),
  data: PdlPerson,
});
export type PdlPersonEnrichResponse = z.infer<typeof PdlPersonEnrichResponse>;

export const PdlLocation = z.object({
  name: str,
  locality: str,
  region: str,
  street_address: str,
  address_line_2: str,
  postal_code: str,
  country: str,
});

export const PdlCompany = z.object({
  id: str,
  name: str,
  display_name: str,
  website: str,
  size: str,
  employee_count: num,
  founded: num,
  industry: str,
  location: PdlLocation.nullish(),
  linkedin_url: str,
  summary: str,
  tags: z.array(z.string()).nullish(),
  type: str,
  likelihood: num,
});
export type PdlCompany = z.infer<typeof PdlCompany>;

/** Company enrich answers the company flat, beside `status` and `likelihood`. */
export const PdlCompanyEnrichResponse = PdlCompany.extend({ status: z.literal(200), likelihood: z.number().int().min(1).max(10) });

export const PdlCompanySearchResponse = z.object({
  status: z.literal(200),
  data: z.array(PdlCompany),
  total: z.number().int(),
  scroll_token: str,
});
export type PdlCompanySearchResponse = z.infer<typeof PdlCompanySearchResponse>;

export const PdlErrorBody = z.object({
  status: z.number().int().optional(),
  error: z.object({ type: z.string(), message: z.string() }),
});
