import { z } from "zod";

// The lead_enrichment_v1 graph. Types are inferred from these schemas so the OpenAPI document and
// the code can't drift apart.

export const ToolName = z.enum(["websearch", "person_by_name", "person_by_address", "person_by_email", "reverse_phone", "company"]);
export type ToolName = z.infer<typeof ToolName>;

export const NodeProvenance = z.object({
  tool: z.union([ToolName, z.literal("warm_seed")]),
  /** Session round that produced it; 0 for warm-seeded data. */
  round: z.number().int().min(0),
  /** Vendor id ("whitepages", "openai") or the URL the value was cited from. */
  source: z.string(),
  observed_at: z.string(),
  confidence: z.number().min(0).max(1),
  /** Canonical tool input that produced the node, so a later session can skip re-running it. */
  input_key: z.string().nullable(),
  /** For warm-seeded data: the tool of the earlier session. */
  seeded_from: ToolName.nullable().optional(),
});
export type NodeProvenance = z.infer<typeof NodeProvenance>;

export const LineTypeSchema = z.enum(["mobile", "landline", "voip", "toll_free", "other", "unknown"]);

export const GraphAddress = z.object({
  key: z.string(),
  full: z.string(),
  line1: z.string().nullable(),
  city: z.string().nullable(),
  state_code: z.string().nullable(),
  zip: z.string().nullable(),
  kind: z.enum(["current", "historic", "owned", "business"]),
  label: z.string().nullable(),
});
export type GraphAddress = z.infer<typeof GraphAddress>;

export const PhoneNode = z.object({
  id: z.string(),
  e164: z.string(),
  line_type: LineTypeSchema,
  labels: z.array(z.string()),
  contact_ids: z.array(z.string()),
  entity_ids: z.array(z.string()),
  /** True when it is the phone the lead came with. */
  from_lead: z.boolean(),
  confidence: z.number().min(0).max(1),
  provenance: z.array(NodeProvenance),
});
export type PhoneNode = z.infer<typeof PhoneNode>;

export const ContactRole = z.object({ entity_id: z.string(), title: z.string().nullable() });

export const ContactNode = z.object({
  id: z.string(),
  full_name: z.string(),
  first: z.string().nullable(),
  middle: z.string().nullable(),
  last: z.string().nullable(),
  aliases: z.array(z.string()),
  vendor_ids: z.array(z.object({ vendor: z.string(), id: z.string() })),
  phones: z.array(z.object({ e164: z.string(), line_type: LineTypeSchema, confidence: z.number() })),
  emails: z.array(z.object({ email: z.string(), confidence: z.number() })),
  addresses: z.array(GraphAddress),
  age_range: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  is_dead: z.boolean().nullable(),
  roles: z.array(ContactRole),
  employment: z.object({ company_name: z.string().nullable(), job_title: z.string().nullable() }).nullable(),
  relatives: z.array(z.string()),
  /** The lead's own person (its dm_name, or a company column that is a person's name). */
  is_lead_person: z.boolean(),
  confidence: z.number().min(0).max(1),
  provenance: z.array(NodeProvenance),
});
export type ContactNode = z.infer<typeof ContactNode>;

export const EntityNode = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string().nullable(),
  kind: z.literal("business"),
  phones: z.array(z.object({ e164: z.string(), label: z.string().nullable() })),
  addresses: z.array(GraphAddress),
  people: z.array(z.object({ name: z.string(), title: z.string().nullable(), contact_id: z.string().nullable() })),
  legal_associates: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
  sources: z.array(z.object({ url: z.string(), title: z.string().nullable() })),
  confidence: z.number().min(0).max(1),
  provenance: z.array(NodeProvenance),
});
export type EntityNode = z.infer<typeof EntityNode>;

export const LeadGraph = z.object({
  phones: z.array(PhoneNode),
  contacts: z.array(ContactNode),
  entities: z.array(EntityNode),
  summary_markdown: z.string(),
});
export type LeadGraph = z.infer<typeof LeadGraph>;

export function emptyGraph(): LeadGraph {
  return { phones: [], contacts: [], entities: [], summary_markdown: "" };
}
