import { createHash } from "node:crypto";
import { SITE_CSS } from "./styles.ts";

// Page security in one place. Script only from this origin (no inline script, no eval), the one
// inline stylesheet by its hash, API calls only to this origin, never framed. The API takes
// bearers only (no cookies), so a page cannot be made to act for a visitor by another site.

const styleHash = `'sha256-${createHash("sha256").update(SITE_CSS).digest("base64")}'`;

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src ${styleHash}`,
  // Wallet icons announced over EIP-6963 are data: URIs.
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function pageHeaders(cacheControl: string): Record<string, string> {
  return {
    "Content-Security-Policy": PAGE_CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // A bearer pasted into a page never leaves in a Referer.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cache-Control": cacheControl,
  };
}
