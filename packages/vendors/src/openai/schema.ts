import { z } from "zod";

// Two schemas: the structured answer we ask the model for (sent as text.format json_schema and
// re-validated on the way back), and the Responses API envelope as we accept it.

const item = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({
    ...shape,
    source_url: z.string().nullable().describe("URL of the page this came from, or null"),
    confidence: z.number().describe("0 to 1: how sure the sources make you"),
  });

export const BusinessAnswer = z.strictObject({
  found: z.boolean().describe("false when the business cannot be identified"),
  business_name: z.string().nullable(),
  phones: z.array(item({ number: z.string(), label: z.string().nullable() })),
  people: z.array(item({ name: z.string(), title: z.string().nullable() })),
  addresses: z.array(item({ address: z.string(), label: z.string().nullable() })),
  legal_associates: z.array(item({ name: z.string(), role: z.string().nullable() })),
});
export type BusinessAnswer = z.infer<typeof BusinessAnswer>;

export const BUSINESS_ANSWER_FORMAT_NAME = "business_profile";

/** JSON schema for strict structured output, derived from the zod schema (one source of truth). */
export function businessAnswerJsonSchema(): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(BusinessAnswer, { target: "draft-7" }) as Record<string, unknown>;
  return schema;
}

const str = z.string().nullish();
const int = z.number().int().nonnegative();

export const UrlCitation = z.object({
  type: z.literal("url_citation"),
  url: z.string(),
  title: str,
  start_index: z.number().nullish(),
  end_index: z.number().nullish(),
});

const Annotation = z.object({ type: z.string(), url: z.string().optional(), title: str });

const Content = z.object({
  type: z.string(),
  text: z.string().optional(),
  refusal: z.string().optional(),
  annotations: z.array(Annotation).nullish(),
});

export const OutputItem = z.object({
  type: z.string(),
  id: str,
  status: str,
  role: str,
  action: z
    .object({
      type: z.string(),
      query: str,
      queries: z.array(z.string()).nullish(),
      url: str,
      sources: z.array(z.object({ type: str, url: z.string() })).nullish(),
    })
    .nullish(),
  content: z.array(Content).nullish(),
});
export type OutputItem = z.infer<typeof OutputItem>;

export const ResponsesUsage = z.object({
  input_tokens: int,
  input_tokens_details: z.object({ cached_tokens: int.nullish() }).nullish(),
  output_tokens: int,
  output_tokens_details: z.object({ reasoning_tokens: int.nullish() }).nullish(),
  total_tokens: int.nullish(),
});
export type ResponsesUsage = z.infer<typeof ResponsesUsage>;

export const ResponsesResponse = z.object({
  id: z.string(),
  status: str,
  model: z.string(),
  output: z.array(OutputItem),
  usage: ResponsesUsage.nullish(),
  error: z.object({ code: str, message: str }).nullish(),
  incomplete_details: z.object({ reason: str }).nullish(),
});
export type ResponsesResponse = z.infer<typeof ResponsesResponse>;

export const OpenAIErrorBody = z.object({
  error: z.object({ message: str, type: str, code: str }),
});
