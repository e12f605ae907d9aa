import { z } from "zod";
import { sourced } from "./provenance.ts";

// Our vendor-neutral person, the shape in `data.people[]` (SPEC §5). Every leaf value carries
// provenance (SPEC §9) so the lead-session graph can merge people from several vendors.

export const LineType = z.enum(["mobile", "landline", "voip", "toll_free", "other", "unknown"]);
export type LineType = z.infer<typeof LineType>;

export const PersonName = z.object({
  full: z.string(),
  first: z.string().nullable(),
  middle: z.string().nullable(),
  last: z.string().nullable(),
  kind: z.enum(["primary", "alias"]),
});

export const PersonPhone = z.object({
  e164: z.string(),
  line_type: LineType,
});

export const PersonAddress = z.object({
  full: z.string(),
  line1: z.string().nullable(),
  city: z.string().nullable(),
  state_code: z.string().nullable(),
  zip: z.string().nullable(),
  kind: z.enum(["current", "historic", "owned"]),
  // Whitepages search gives no per-address dates: a current address is known true as of the
  // lookup (last_seen = observed date); the rest stay null rather than guessed.
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
  vendor_id: z.string().nullable(),
});

export const AgeRange = z.object({
  min: z.number().int(),
  max: z.number().int(),
  date_of_birth: z.string().nullable(),
});

export const AssociatedPerson = z.object({
  name: z.string(),
  relation: z.enum(["relative", "associate", "household"]),
  vendor_id: z.string().nullable(),
});

export const Employment = z.object({
  company_name: z.string().nullable(),
  job_title: z.string().nullable(),
  linkedin_url: z.string().nullable(),
});

export const NormalizedPerson = z.object({
  vendor: z.string(),
  vendor_id: z.string().nullable(),
  match_score: z.number().min(0).max(1).nullable(),
  matched_by: z.array(z.string()),
  names: z.array(sourced(PersonName)),
  phones: z.array(sourced(PersonPhone)),
  emails: z.array(sourced(z.string())),
  addresses: z.array(sourced(PersonAddress)),
  age_range: sourced(AgeRange).nullable(),
  associated_people: z.array(sourced(AssociatedPerson)),
  employment: sourced(Employment).nullable(),
  compliance: z.object({
    is_dead: sourced(z.boolean()).nullable(),
    // No person-search vendor we speak gives this yet (Trestle's add-on does); null means unknown.
    litigator_risk: sourced(z.boolean()).nullable(),
  }),
});
export type NormalizedPerson = z.infer<typeof NormalizedPerson>;

export const PersonQueryMode = z.enum(["reverse_phone", "name", "address", "email"]);
export type PersonQueryMode = z.infer<typeof PersonQueryMode>;

export const PersonSearchResult = z.object({
  matched: z.boolean(),
  query_mode: PersonQueryMode,
  people: z.array(NormalizedPerson),
  total_available: z.number().int(),
  vendor: z.string(),
  vendor_queries: z.number().int(),
  cost_micro_usd: z.number().int(),
  latency_ms: z.number(),
});
export type PersonSearchResult = z.infer<typeof PersonSearchResult>;
