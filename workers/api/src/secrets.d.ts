// Secrets: `.dev.vars` locally, `wrangler secret put` in production. Never in wrangler.jsonc.
interface SecretBindings {
  /** Hosted x402 facilitator (e.g. CDP); when set, it verifies and settles. */
  FACILITATOR_URL?: string;
  /** Authorization header value for the hosted facilitator. */
  FACILITATOR_AUTH_HEADER?: string;
  /** Key of the in-process facilitator (local chain); pays gas, never holds USDC. */
  FACILITATOR_PRIVATE_KEY?: string;
  /** Real vendor keys; absent, the offline sandboxes answer. */
  WHITEPAGES_API_KEY?: string;
  OPENAI_API_KEY?: string;
  /** The enrich agent on Anthropic (CHAT_PROVIDER=anthropic). */
  ANTHROPIC_API_KEY?: string;
  PDL_API_KEY?: string;
  /** Keys address hashes, derived callback secrets and recovery answers (services/identity/server-key.ts). */
  SERVER_SECRET?: string;
  /** HMAC key (≥ 32 bytes) binding MPP `Payment` challenges; MPP is not offered without it. */
  MPP_SECRET_KEY?: string;
  /** Guards the operator routes. */
  OPERATOR_SECRET?: string;
}

declare namespace Cloudflare {
  interface Env extends SecretBindings {}
}
interface Env extends SecretBindings {}
