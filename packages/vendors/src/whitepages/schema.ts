import { z } from "zod";

// The Whitepages v2 person-search response as we accept it. Types follow the vendor's guidance:
// nullable everywhere samples omit values, unknown fields ignored (zod strips them).

const str = z.string().nullish();
const num = z.number().nullish();

export const WpAddress = z.object({
  id: str,
  address_id: str,
  address: str,
  full_address: str,
  line1: str,
  city: str,
  state: str,
  zip: str,
  score: num,
});
export type WpAddress = z.infer<typeof WpAddress>;

export const WpPhone = z.object({ number: z.string(), type: str, score: num });

// The docs disagree (`emails[].email` vs `emails[].address`) and v1 sent bare strings: take all.
export const WpEmail = z.union([
  z.string(),
  z.object({ email: z.string(), score: num }),
  z.object({ address: z.string(), score: num }),
]);
export type WpEmail = z.infer<typeof WpEmail>;

export const WpRelative = z.union([z.string(), z.object({ id: str, name: z.string() })]);

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

export const WpPerson = z.object({
  id: z.string(),
  name: z.string(),
  aliases: list(z.string()),
  is_dead: z.boolean().nullish(),
  match_score: num,
  matched_by: list(z.string()),
  current_addresses: list(WpAddress),
  historic_addresses: list(WpAddress),
  owned_properties: list(WpAddress),
  phones: list(WpPhone),
  emails: list(WpEmail),
  date_of_birth: str,
  age: num,
  linkedin_url: str,
  company_name: str,
  job_title: str,
  relatives: list(WpRelative),
});
export type WpPerson = z.infer<typeof WpPerson>;

export const WpSearchResponse = z.object({
  results: z.array(WpPerson),
  metadata: z
    .object({ result_count: num, page: num, page_size: num })
    .nullish(),
});
export type WpSearchResponse = z.infer<typeof WpSearchResponse>;

export const WpMessage = z.object({ message: z.string() });
