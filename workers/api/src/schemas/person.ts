import { z } from "@hono/zod-openapi";

const text = (max: number) => z.string().trim().min(1).max(max);

/** The person request; a batch row for enrich/person is validated with this same schema. */
export const PersonBody = z
  .object({
    name: text(120).optional().openapi({ example: "Joseph B Manno" }),
    city: text(80).optional().openapi({ example: "Ridgway" }),
    state_code: z.string().trim().regex(/^[A-Za-z]{2}$/, "state_code is a 2-letter code").transform((s) => s.toUpperCase()).optional().openapi({ example: "PA" }),
    street: text(160).optional(),
    zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, "zip is a 5-digit ZIP").optional(),
    phone: z.string().min(3).max(40).optional(),
  })
  .refine((b) => b.name || b.phone || b.street, {
    message: "send a name (with city/state_code), a phone, or an address (street)",
    path: ["name"],
  });
export type PersonBody = z.output<typeof PersonBody>;
