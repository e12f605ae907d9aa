import { parsePhoneNumberFromString } from "libphonenumber-js/max";

// Vendor and web text goes into markdown a person (or an LLM) will read: escape it so a scraped
// name can't inject links, headings or table breaks.

export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\s+/g, " ").trim();
}

export function phoneDisplay(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  return p.countryCallingCode === "1" ? p.formatNational() : p.formatInternational();
}

export function pct(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

export function link(url: string, title: string | null): string {
  if (!/^https?:\/\//i.test(url)) return md(title ?? url);
  const safe = url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
  return `[${md(title ?? url)}](${safe})`;
}
