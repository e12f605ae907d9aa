import type { ErrorCode } from "./errors.ts";
import { toUsd } from "./money.ts";
import { MINT_MIN_WALLET_BALANCE } from "./prices.ts";

/**
 * What a caller should do next for each error code, beside the code table in errors.ts. Typed as
 * a full record so a new code does not compile without its next action; /skill.md renders it.
 */
export const ERROR_NEXT_ACTION = {
  VALIDATION_FAILED: "Fix the fields named in `details.issues` and resend; nothing was charged.",
  CALLBACK_URL_REFUSED: "Use a public `https://` URL (no private, loopback or link-local host, no credentials); `details.reason` says which rule refused it.",
  MALFORMED_JSON: "Send a valid UTF-8 JSON body with `Content-Type: application/json`.",
  CSV_INVALID: "Save the file as CSV UTF-8 with a header line and at least one row (`details.reason` and `details.line` say what and where); nothing was held or charged.",
  INVALID_PHONE: "Send a number that parses as a real phone number (E.164 such as `+17242060094`, or a 10-digit US number); nothing was charged.",
  UNAUTHORIZED: "Send `Authorization: Bearer 411_…` (mint one with POST /api/v1/agents/wallet-nonce then /wallet-register); operator routes need `X-Operator-Secret`.",
  TOKEN_INVALID: "The bearer is unknown, malformed or rotated away: use the newest bearer, or recover it with the wallet (POST /api/v1/agents/wallet-recover/challenge).",
  TOKEN_REVOKED: "This usage key was revoked: ask the agent for a new one (POST /api/v1/agents/usage-keys).",
  TOKEN_EXPIRED: "This usage key passed its expiry: ask the agent for a new one (POST /api/v1/agents/usage-keys).",
  SIWE_INVALID: "Ask for a fresh message (POST /api/v1/agents/wallet-nonce), sign it unchanged with the same wallet (EIP-191 personal_sign) and register before it expires; a nonce works once.",
  AGENT_TOKEN_REQUIRED: "Mint a bearer (POST /api/v1/agents/wallet-nonce, then /wallet-register), or pay this one call with x402: sign one of `accepts[]` and retry with `PAYMENT-SIGNATURE`.",
  INSUFFICIENT_BALANCE: "Pay this call with x402 from the `accepts[]` of this 402, or top up first with POST /api/v1/agents/deposits; nothing was held.",
  PAYMENT_REQUIRED: "Pay the amount in `accepts[]` with x402: sign it and send the same request again with `PAYMENT-SIGNATURE`.",
  PAYMENT_INVALID: "Ask again for a fresh 402, sign one of its `accepts[]` unchanged (amount, payTo, asset, network) and retry once; `details` says what was wrong. Nothing was settled.",
  BATCH_CEILING_REACHED: "A batch row's own error: the batch's `bill_up_to_usd` had no room left for it. Upload those rows again with a higher ceiling; they were not charged.",
  KEY_CAP_EXCEEDED: "This usage key spent its cap: ask the agent for a key with a larger cap, or use the agent bearer.",
  ALLOWANCE_EXCEEDED: "x402 spending reached the allowance signed at mint: re-mint the same wallet with a larger `allowance_usd`, or pay from the virtual balance.",
  WALLET_UNDERFUNDED: `The wallet must hold at least $${toUsd(MINT_MIN_WALLET_BALANCE).toFixed(2)} USDC on the configured chain to mint (read only, never withdrawn): fund it and register again.`,
  FORBIDDEN: "Usage keys cannot manage keys, callbacks or the bearer: use the agent bearer (`411_…`).",
  KEY_SCOPE_DENIED: "This usage key is not scoped for this route: use a key whose `scope` includes its catalog id, or the agent bearer.",
  RECOVERY_UNAVAILABLE: "Recovery asks about at least 3 lookups this agent made with its bearer in the last 90 days (not the documented examples, not ones asked in a failed attempt); without them open a support ticket for an operator reset, or mint a new agent with another wallet.",
  RECOVERY_ANSWER_WRONG: "Too few right answers: the fee is kept and recovery is locked (Retry-After, doubling with each failure); then open a new challenge, which asks about other lookups.",
  NOT_FOUND: "The id in the path does not exist for this caller: list your own (tickets, keys, callbacks, requests) and use an id from there.",
  ROUTE_NOT_FOUND: "No such path: check it against /openapi.json (or /skill.md).",
  METHOD_NOT_ALLOWED: "The path exists with other methods: use one named in the `Allow` header.",
  CONFLICT: "The resource is not in a state that allows this (see the message and `details`); read it again before retrying.",
  CALLBACK_LIMIT_REACHED: "Delete a callback subscription (DELETE /api/v1/agents/callbacks/{callback_id}) before adding another.",
  IDEMPOTENCY_CONFLICT: "This Idempotency-Key was used with a different body: use a new key for a new request.",
  IDEMPOTENCY_IN_PROGRESS: "The first request with this Idempotency-Key is still running: retry the same request after `Retry-After` seconds.",
  RECOVERY_CHALLENGE_CLOSED: "This recovery challenge expired or was already answered (one attempt each): open a new one (POST /api/v1/agents/wallet-recover/challenge).",
  PAYLOAD_TOO_LARGE: "Send a smaller body (the limit is in the message); split large work into several calls or a batch.",
  UNSUPPORTED_MEDIA_TYPE: "Send the body as `Content-Type: application/json`.",
  RATE_LIMITED: "Wait `Retry-After` seconds (the `RateLimit` headers say the window), or authenticate: anonymous calls have the tighter limit.",
  QUOTA_EXCEEDED: "This agent used its quota for the window: wait `Retry-After` seconds.",
  INTERNAL_ERROR: "Retry with the same Idempotency-Key; if it persists, open a support ticket (category `bug`) quoting `request_id`.",
  BAD_ENVIRONMENT: "The deployment is misconfigured, not your request: retry later and report `request_id` in a support ticket.",
  FACILITATOR_UNAVAILABLE: "The payment was not settled: retry later with the same request (a fresh 402 gives fresh requirements to sign).",
  PAYMENT_RECORD_PENDING: "The payment settled (`details.transaction`); its record or credit is being completed automatically. Do not pay again: read the balance (or the stored call) in a minute.",
  JOB_TIMEOUT: "The job ran past `max_timeout_seconds` and was refunded in full: submit it again, or run it on the sync route.",
  VENDOR_UNAVAILABLE: "A data vendor failed: retry after `Retry-After` seconds; the hold was released and nothing was charged.",
  ROUTE_OFFLINE: "This catalog-tier route is not enabled on this deployment: use the route `details.next_action` names, or ask the operator to enable it.",
  CHAIN_UNAVAILABLE: "The chain could not be read just now (a wallet balance check): retry after a few seconds.",
  OPERATOR_NOT_CONFIGURED: "Operator routes are off on this deployment (no OPERATOR_SECRET); nothing for an agent to do.",
} as const satisfies Record<ErrorCode, string>;

