import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * E.164 for a US-default phone string, or null when it cannot be a phone number. Acceptance uses
 * `isPossible`, not `isValid`: stale metadata can reject newly opened ranges, and the sandbox's
 * reserved fault numbers (area code 555) must pass through to the vendor.
 */
export function toE164(raw: string, defaultCountry: "US" = "US"): string | null {
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** National 10-digit form Whitepages takes in `?phone=` for NANP numbers; E.164 otherwise. */
export function toVendorPhone(e164: string): string {
  return e164.startsWith("+1") && e164.length === 12 ? e164.slice(2) : e164;
}
