import { z } from "@hono/zod-openapi";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { ApiError } from "@411data/core";

/** The reverse-phone request; a batch row for enrich/phone is validated with this same schema. */
export const PhoneBody = z.object({
  phone: z.string().min(3).max(40).openapi({ example: "+17242060094" }),
});

/** A number a caller sends → E.164, or a free 400: a typo is not a paid no-match. */
export function normalizePhone(input: string, field = "phone"): string {
  const parsed = parsePhoneNumberFromString(input.trim(), "US");
  // isPossible, not isValid: numbering plans change faster than the library's metadata.
  if (!parsed || !parsed.isPossible()) {
    throw new ApiError("INVALID_PHONE", `${field} is not a phone number we can look up`, {
      details: { field, value: input.slice(0, 40), hint: "send E.164 like +17242060094 or a 10-digit US number" },
    });
  }
  return parsed.number;
}
