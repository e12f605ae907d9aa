import { z } from "zod";
import { sourced } from "./provenance.ts";

// Our vendor-neutral business research answer, the shape of websearch `data` (SPEC §5).

export const BusinessQuery = z.object({
  business_name: z.string().trim().min(1),
  city: z.string().trim().min(1).optional(),
  state: z.string().trim().min(1).optional(),
  domain: z.string().trim().min(1).optional(),
  prompt: z.string().trim().min(1).max(2000).optional(),
});
export type BusinessQuery = z.infer<typeof BusinessQuery>;

export const BusinessPhone = z.object({ e164: z.string(), label: z.string().nullable() });
export const BusinessPerson = z.object({ name: z.string(), title: z.string().nullable() });
export const BusinessAddress = z.object({ full: z.string(), label: z.string().nullable() });
export const LegalAssociate = z.object({ name: z.string(), role: z.string().nullable() });
export const Source = z.object({ url: z.string(), title: z.string().nullable() });

export const BusinessResearchData = z.object({
  business_name: z.string().nullable(),
  phones: z.array(sourced(BusinessPhone)),
  people: z.array(sourced(BusinessPerson)),
  addresses: z.array(sourced(BusinessAddress)),
  legal_associates: z.array(sourced(LegalAssociate)),
  sources: z.array(Source),
});
export type BusinessResearchData = z.infer<typeof BusinessResearchData>;

export const ResearchUsage = z.object({
  input_tokens: z.number().int(),
  cached_input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  reasoning_tokens: z.number().int(),
  web_searches: z.number().int(),
});
export type ResearchUsage = z.infer<typeof ResearchUsage>;

export const BusinessResearchResult = z.object({
  matched: z.boolean(),
  data: BusinessResearchData,
  vendor: z.string(),
  model: z.string(),
  response_id: z.string().nullable(),
  usage: ResearchUsage,
  cost_micro_usd: z.number().int(),
  latency_ms: z.number(),
});
export type BusinessResearchResult = z.infer<typeof BusinessResearchResult>;
