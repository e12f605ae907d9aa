import { ERROR_STATUS, STARTING_CREDIT, MINT_MIN_WALLET_BALANCE, type CatalogEntry } from "@411data/core";
import { X402_HEADERS, type PaymentConfig } from "@411data/x402";
import { docLinks, ENTRIES, isOffline, offerFor, priceText, usdText } from "./catalog-view.ts";
import { EXAMPLES } from "./examples.ts";

// The agent-readable guides (/skill.md, /llms.txt) are rendered from the catalog at request time,
// so a price change reaches the prose in the same deploy as the 402s.

const FCRA_NOTICE =
  "411data is not a consumer reporting agency and its data are not consumer reports. Do not use " +
  "anything from this API, in whole or in part, to decide a person's eligibility for credit, " +
  "employment, insurance, housing or any other purpose covered by the Fair Credit Reporting Act " +
  "(FCRA), and do not use it to stalk, harass or locate someone who does not want to be found.";

/** What to do about each error code; codes not named here are self-explanatory from the message. */
const NEXT_STEP: Partial<Record<keyof typeof ERROR_STATUS, string>> = {
  VALIDATION_FAILED: "fix the field named in `details.issues`; nothing was charged",
  MALFORMED_JSON: "send valid UTF-8 JSON with `Content-Type: application/json`",
  AGENT_TOKEN_REQUIRED: "mint a bearer (below) or pay this one call with x402",
  INSUFFICIENT_BALANCE: "pay with the x402 `accepts[]` in the body, or top up with a deposit",
  PAYMENT_INVALID: "re-sign against the `accepts[]` of a fresh 402 and retry",
  KEY_CAP_EXCEEDED: "the usage key spent its cap; raise it or use another key",
  ALLOWANCE_EXCEEDED: "x402 spending reached the allowance signed at mint; re-mint with a larger one",
  WALLET_UNDERFUNDED: `the wallet must hold at least ${usdText(MINT_MIN_WALLET_BALANCE)} USDC to mint`,
  IDEMPOTENCY_CONFLICT: "the Idempotency-Key was used with a different body; use a new key",
  IDEMPOTENCY_IN_PROGRESS: "the first request with this key is still running; retry shortly",
  RATE_LIMITED: "wait `Retry-After` seconds (see the RateLimit headers)",
  QUOTA_EXCEEDED: "wait `Retry-After` seconds",
  VENDOR_UNAVAILABLE: "retry later; the hold was released and nothing was charged",
  ROUTE_OFFLINE: "this catalog-tier route is not enabled on this deployment",
  FACILITATOR_UNAVAILABLE: "the payment was not settled; retry with the same signature later",
  CALLBACK_URL_REFUSED: "use a public https URL; `details.reason` says why",
  CALLBACK_LIMIT_REACHED: "delete a callback subscription first",
};

function priceHeading(entry: CatalogEntry): string {
  return entry.rule === "amount" ? "amount you choose" : usdText(entry.price);
}

function routeSection(entry: CatalogEntry, pc: PaymentConfig, origin: string): string {
  const example = EXAMPLES[entry.id as keyof typeof EXAMPLES];
  const lines = [
    `### ${entry.method} ${entry.path} — ${priceHeading(entry)}`,
    "",
    `${entry.summary}.`,
    "",
    `- Price: ${priceText(entry)}.`,
    `- Billing rule: \`${entry.rule}\`.`,
  ];
  if (isOffline(entry)) lines.push("- Status: offline by default; answers 503 `ROUTE_OFFLINE` until enabled.");
  const offer = offerFor(entry, pc);
  if (offer.note) lines.push(`- ${offer.note}`);
  else if (entry.rule === "upto") {
    lines.push(
      "- Without a bearer, or when the balance is short, the 402 offers x402 `upto` (Permit2): sign it and " +
        "retry; the actual cost settles on-chain after the job, $0 on no match. The wallet must have " +
        "approved Permit2 (0x000000000022D473030F116dDEE9F6B43aC78BA3) on USDC once, or the retry is " +
        "refused with `permit2_allowance_required`.",
    );
  }
  if (example) {
    lines.push(
      "",
      "```sh",
      `curl -sS -X ${entry.method} ${new URL(entry.path, origin).toString()} \\`,
      "  -H 'Authorization: Bearer 411_…' -H 'Content-Type: application/json' \\",
      `  -d '${JSON.stringify(example.requestExample)}'`,
      "```",
    );
  }
  return lines.join("\n");
}

export function skillMarkdown(pc: PaymentConfig, origin: string): string {
  const links = docLinks(origin);
  const at = (path: string) => new URL(path, origin).toString();
  const codes = Object.entries(ERROR_STATUS)
    .map(([code, status]) => {
      const next = NEXT_STEP[code as keyof typeof ERROR_STATUS];
      return `| \`${code}\` | ${status} | ${next ?? ""} |`;
    })
    .join("\n");
  return `---
name: 411data
description: Lead and business-data enrichment for agents — reverse phone, person lookup, business web research and multi-tool lead sessions — paid per call from a virtual USD balance or with x402 (USDC), billed only on a match.
---

# 411data agent guide

Base URL: ${origin}. Every request and response body is JSON. Every response has an \`X-Request-Id\`;
quote it when something goes wrong.

## Prohibited use

${FCRA_NOTICE}

## 1. Get a bearer (wallet mint with SIWE)

1. \`POST ${at("/api/v1/agents/wallet-nonce")}\` with \`{"address":"0xYourWallet"}\`. Add
   \`"allowance_usd":"10"\` to cap what x402 may draw from that wallet. The answer holds a
   \`siwe_message\` (EIP-4361), a nonce and its expiry, and an \`allowance_intent_message\` when you
   asked for an allowance.
2. Sign \`siwe_message\` with the wallet (EIP-191 \`personal_sign\`); sign
   \`allowance_intent_message\` the same way if you got one.
3. \`POST ${at("/api/v1/agents/wallet-register")}\` with \`siwe_message\`, \`siwe_signature\`
   (and \`allowance_intent_message\` + \`allowance_intent_signature\`). The first mint for a wallet
   returns \`token\` (\`411_…\`) exactly once: store it. Minting again returns \`token: null\`.

The wallet must hold at least ${usdText(MINT_MIN_WALLET_BALANCE)} USDC on \`${pc.network}\` (read only,
never withdrawn). A new agent starts with ${usdText(STARTING_CREDIT)} of credit.

## 2. Authenticate

Send \`Authorization: Bearer 411_…\` (agent) or \`Bearer 411k_…\` (a usage key the agent minted,
with its own spend cap). \`GET ${at("/api/v1/agents/me")}\` and \`GET ${at("/api/v1/agents/balance")}\`
are free. Rotate with \`POST ${at("/api/v1/agents/token/rotate")}\`.

## 3. How a paid call is billed

1. **Virtual balance first.** With a bearer, the call is paid from your prepaid USD balance.
2. **Then x402.** When the balance cannot cover the call, the route answers \`402\` with a
   \`${X402_HEADERS.paymentRequired}\` header and a JSON body whose \`accepts[]\` lists what to pay
   (x402 version 2, scheme \`exact\`: an EIP-3009 \`TransferWithAuthorization\` of USDC on
   \`${pc.network}\`, asset \`${pc.asset}\`, to \`${pc.payTo}\`). Sign one entry and send the same
   request again with the \`${X402_HEADERS.paymentSignature}\` header. The paid answer carries
   \`${X402_HEADERS.paymentResponse}\` with the settlement.
3. **No bearer at all:** the 402's code is \`AGENT_TOKEN_REQUIRED\`; a valid
   \`${X402_HEADERS.paymentSignature}\` on the retry pays for that one call anonymously.

**Bill on match.** Enrichment holds the price before the lookup and captures it only when the
result has \`matched: true\`. A no-match releases the hold (or never settles the x402 payment).
Every paid response carries a \`billing\` block with price, charge and balance after.

## 4. Paid routes

${ENTRIES.map((e) => routeSection(e, pc, origin)).join("\n\n")}

Async jobs answer \`202\` with \`job_id\` (\`ej_…\`) and \`poll_bearer\` (\`411j_…\`). Poll
\`GET ${at("/api/v1/enrich/jobs/{job_id}")}\` with \`Authorization: Bearer 411j_…\` (free) until
\`status\` is \`completed\` or \`failed\`; \`result\` mirrors the sync route.

## 5. Idempotency

Send \`Idempotency-Key: <unique string>\` on every POST. Repeating the same key with the same body
within 24 hours replays the stored answer and charges nothing; the same key with a different body
is a \`409 IDEMPOTENCY_CONFLICT\`. Retry network failures with the same key.

## 6. Errors

Every error has one shape:

\`\`\`json
{"error":{"code":"VALIDATION_FAILED","message":"phone: …","details":{},"request_id":"req_…"}}
\`\`\`

A 402 adds the x402 keys (\`x402Version\`, \`resource\`, \`accepts\`) beside \`error\`. Branch on
\`error.code\`, never on the message.

| code | HTTP | what to do |
| --- | --- | --- |
${codes}

## 7. Where everything is described

- OpenAPI 3.1, with \`x-payment-info\` on every paid operation: ${links.openapi}
- Prices (JSON, or HTML in a browser): ${links.pricing}
- x402 catalog of paid resources: ${links.well_known}
- Bazaar discovery list: ${links.bazaar}
- Short index for LLMs: ${links.llms}
`;
}

export function llmsText(origin: string): string {
  const links = docLinks(origin);
  const routes = ENTRIES.map((e) => {
    const status = isOffline(e) ? " (offline until enabled)" : "";
    return `- [${e.method} ${e.path}](${new URL(e.path, origin).toString()}): ${priceText(e)}${status}. ${e.summary}.`;
  }).join("\n");
  return `# 411data

> Lead and business-data enrichment API for agents: reverse phone, person lookup, business web
> research and multi-tool lead sessions. Pay per call from a virtual USD balance (Bearer 411_…)
> or per request with x402 (USDC). Enrichment is billed only on a match.

Mint a bearer by signing in with your wallet (POST /api/v1/agents/wallet-nonce, sign the SIWE
message, POST /api/v1/agents/wallet-register). Paid calls use the balance first; when it runs
short they answer 402 with x402 payment requirements, and a retry with PAYMENT-SIGNATURE pays.
Errors are {"error":{"code","message","details","request_id"}}. Send Idempotency-Key on POSTs.

Prohibited use: ${FCRA_NOTICE}

## Docs

- [Agent guide](${links.skill}): minting, billing, every route with an example, error codes
- [OpenAPI 3.1](${links.openapi}): schemas, with x-payment-info on paid operations
- [Pricing](${links.pricing}): live prices from the catalog
- [x402 catalog](${links.well_known}): paid resources and what they accept
- [Bazaar list](${links.bazaar}): x402 discovery resources

## Paid routes

${routes}
`;
}
