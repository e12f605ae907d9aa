import { CONFIRMED_BUG_CREDIT, ERROR_NEXT_ACTION, ERROR_STATUS, STARTING_CREDIT, MINT_MIN_WALLET_BALANCE, type CatalogEntry } from "@411data/core";
import { X402_HEADERS, type PaymentConfig } from "@411data/x402";
import { CALLBACK_EVENT_TYPES } from "../../services/callbacks/events.ts";
import { docLinks, ENTRIES, isOffline, offerFor, priceText, usdText } from "./catalog-view.ts";
import { EXAMPLES } from "./examples.ts";
import type { RouteDoc, RouteIndex } from "./route-index.ts";

// The agent-readable guides (/skill.md, /llms.txt) are rendered from the catalog at request time,
// so a price change reaches the prose in the same deploy as the 402s.

const FCRA_NOTICE =
  "411data is not a consumer reporting agency and its data are not consumer reports. Do not use " +
  "anything from this API, in whole or in part, to decide a person's eligibility for credit, " +
  "employment, insurance, housing or any other purpose covered by the Fair Credit Reporting Act " +
  "(FCRA), and do not use it to stalk, harass or locate someone who does not want to be found.";

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
      `curl -sS -X ${entry.method} ${origin}${entry.path} \\`,
      "  -H 'Authorization: Bearer 411_…' -H 'Content-Type: application/json' \\",
      `  -d '${JSON.stringify(example.requestExample)}'`,
      "```",
    );
  }
  return lines.join("\n");
}

/** A route line for the full list: method, path as OpenAPI spells it, who may call it, what it costs. */
function routeLine(r: RouteDoc): string {
  const entry = ENTRIES.find((e) => e.method === r.method && e.path === r.path);
  const cost = entry ? priceText(entry) : r.payment ? "paid" : "free";
  // What the operation declares: a bearer, and x402 on the paid ones (anonymous where no bearer is declared).
  const auth = `${r.bearer ? "bearer" : "no bearer"}${r.payment ? ", x402" : ""}`;
  const description = r.description ? `\n  ${r.description.replace(/\n+/g, " ")}` : "";
  return `- \`${r.method} ${r.path}\` — ${r.summary || "(no summary)"} (${auth}; ${cost})${description}`;
}

function routeList(index: RouteIndex): string {
  const sections: string[] = [];
  for (const [tag, description] of index.tags) {
    const lines = index.routes.filter((r) => r.tag === tag).map(routeLine);
    sections.push([`### ${tag}`, ...(description ? ["", description] : []), "", ...lines].join("\n"));
  }
  return sections.join("\n\n");
}

const mark = (code: keyof typeof ERROR_STATUS) => `\`${code}\``;

export function skillMarkdown(pc: PaymentConfig, origin: string, index: RouteIndex): string {
  const links = docLinks(origin);
  // Path text stays as written: `{job_id}` is what the caller replaces, so it is never URL-encoded.
  const at = (path: string) => `${origin}${path}`;
  const codes = (Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[])
    .map((code) => `| ${mark(code)} | ${ERROR_STATUS[code]} | ${ERROR_NEXT_ACTION[code]} |`)
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
   returns \`token\` (\`411_…\`) exactly once: store it. Minting again returns \`token: null\`
   (it refreshes the allowance only).

The wallet must hold at least ${usdText(MINT_MIN_WALLET_BALANCE)} USDC on \`${pc.network}\` (read only,
never withdrawn). A new agent starts with ${usdText(STARTING_CREDIT)} of credit.

## 2. Authenticate, rotate, recover

Send \`Authorization: Bearer 411_…\` (agent) or \`Bearer 411k_…\` (a usage key, below).
\`GET ${at("/api/v1/agents/me")}\` and \`GET ${at("/api/v1/agents/balance")}\` are free.
\`POST ${at("/api/v1/agents/token/rotate")}\` swaps the bearer for a new one (the old one stops at once);
\`POST ${at("/api/v1/agents/token/restore")}\` only checks that a saved bearer still works (same agent,
nothing rotated). A lost bearer is recovered with the wallet through
\`POST ${at("/api/v1/agents/wallet-recover/challenge")}\` and \`…/complete\` (a paid fee; needs recent lookups).

### Usage keys

Give a worker or a sub-agent its own key instead of the agent bearer:
\`POST ${at("/api/v1/agents/usage-keys")}\` (agent bearer) with
\`{"name":"crawler","spend_cap_usd":"5.00","scope":["enrich.phone"],"expires_at":"2027-01-01T00:00:00Z"}\`
(\`scope\` and \`expires_at\` optional) answers the key \`411k_…\` once. It spends from the agent's
balance, never more than its cap (then ${mark("KEY_CAP_EXCEEDED")}), only on its scope (else
${mark("KEY_SCOPE_DENIED")}). \`GET\` lists keys with what each spent; \`DELETE ${at("/api/v1/agents/usage-keys/{key_id}")}\`
revokes at once. Usage keys cannot manage keys, callbacks or the bearer.

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
Top up the balance with x402 through \`POST ${at("/api/v1/agents/deposits")}\` \`{"amount_usd":"5.00"}\`.

### Paying with the official x402 client (@x402/fetch)

\`\`\`ts
import { x402Client } from "@x402/core/client";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { privateKeyToAccount } from "viem/accounts";

const client = new x402Client()
  .register("eip155:*", new ExactEvmScheme(privateKeyToAccount(process.env.WALLET_KEY)))
  // The client refuses any payment above $1 by default: a lead session ($1.50) or a job ceiling
  // would fail before signing. Raise the cap to the most one call may cost you.
  .setSpendControls({ maxAmountPerPayment: "$5", allowedAssets: [{ network: "${pc.network}", asset: "${pc.asset}" }] });
const pay = wrapFetchWithPayment(fetch, client);
const res = await pay("${at("/api/v1/enrich/phone")}", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ phone: "+17242060094" }),
});
\`\`\`

\`allowedAssets\` is needed only when the asset above is not one the client knows (a test token);
its optional \`maxAmountPerPayment\` there is in atomic units (\`"5000000"\` = $5).

## 4. Paid routes

${ENTRIES.map((e) => routeSection(e, pc, origin)).join("\n\n")}

## 5. Async jobs

\`POST ${at("/api/v1/enrich/jobs")}\` with \`{"route":"enrich/websearch","payload":{…the sync route's body…},
"bill_up_to_usd":1.50,"callback_url":"https://…"}\` (or \`"route":"enrich/lead-session"\`) answers
\`202\` with \`job_id\` (\`ej_…\`), \`poll_bearer\` (\`411j_…\`, shown once, reads only that job),
\`poll_interval_sec\` and \`billing_mode\`. Poll
\`GET ${at("/api/v1/enrich/jobs/{job_id}")}\` with \`Authorization: Bearer 411j_…\` (or the owner's
bearer; free) until \`status\` is \`completed\` (\`result\` mirrors the sync route) or \`failed\` (\`error\`).
With a bearer the ceiling \`bill_up_to_usd\` is held and the actual captured, the rest refunded (all of
it on a no-match, a failure or ${mark("JOB_TIMEOUT")}). A websearch job's ceiling is at least its $1.00
minimum; on the sync route \`max_usd\` plays that part. Without a bearer the 402 offers x402 \`upto\`.

## 6. Callbacks

Subscribe with \`POST ${at("/api/v1/agents/callbacks")}\` \`{"url":"https://…","events":[${CALLBACK_EVENT_TYPES.map((e) => `"${e}"`).join(",")}]}\`;
the answer's \`signing_secret\` (\`whsec_…\`) is shown once. Each delivery is a JSON POST
\`{id, type, created_at, agent_id, data}\` with \`X-411-Event\`, \`X-411-Delivery\` and
\`X-411-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>\`: verify it, refuse old
timestamps, dedupe on \`id\` (delivery is at least once), answer 2xx quickly. Failures are retried
with backoff; \`GET ${at("/api/v1/agents/callbacks/{callback_id}/deliveries")}\` shows each attempt.
A job's own \`callback_url\` receives \`enrich.job_completed\` the same way.

## 7. Idempotency

Send \`Idempotency-Key: <unique string>\` on every POST. Repeating the same key with the same body
within 24 hours replays the stored answer and charges nothing; the same key with a different body
is a \`409 IDEMPOTENCY_CONFLICT\`. Retry network failures with the same key.

## 8. Support

\`POST ${at("/api/v1/support/tickets")}\` (\`category\` bug/billing/account/other, \`subject\`, \`body\`;
quote request ids) opens a ticket. \`GET ${at("/api/v1/support/tickets")}\` lists yours and
\`GET ${at("/api/v1/support/tickets/{ticket_id}")}\` reads one: \`status\`, the operator's \`reply\`,
and \`credit_usd\` (${usdText(CONFIRMED_BUG_CREDIT)}, added to your balance) when a bug was confirmed.

## 9. Errors

Every error has one shape:

\`\`\`json
{"error":{"code":"VALIDATION_FAILED","message":"phone: …","details":{},"request_id":"req_…"}}
\`\`\`

A 402 adds the x402 keys (\`x402Version\`, \`resource\`, \`accepts\`) beside \`error\`. Branch on
\`error.code\`, never on the message.

| code | HTTP | what to do next |
| --- | --- | --- |
${codes}

## 10. Every route

${routeList(index)}

## 11. Where everything is described

- OpenAPI 3.1, with \`x-payment-info\` on every paid operation: ${links.openapi}
- Prices (JSON, or HTML in a browser): ${links.pricing}
- x402 catalog of paid resources: ${links.well_known}
- Bazaar discovery list: ${links.bazaar}
- Short index for LLMs: ${links.llms}
`;
}

export function llmsText(origin: string, index: RouteIndex): string {
  const links = docLinks(origin);
  const paid = ENTRIES.map((e) => {
    const status = isOffline(e) ? " (offline until enabled)" : "";
    return `- [${e.method} ${e.path}](${origin}${e.path}): ${priceText(e)}${status}. ${e.summary}.`;
  }).join("\n");
  const paidKeys = new Set(ENTRIES.map((e) => `${e.method} ${e.path}`));
  const others = index.routes
    .filter((r) => !paidKeys.has(`${r.method} ${r.path}`))
    .map((r) => `- ${r.method} ${r.path}: ${r.summary}`)
    .join("\n");
  return `# 411data

> Lead and business-data enrichment API for agents: reverse phone, person lookup, business web
> research and multi-tool lead sessions. Pay per call from a virtual USD balance (Bearer 411_…)
> or per request with x402 (USDC). Enrichment is billed only on a match.

Mint a bearer by signing in with your wallet (POST /api/v1/agents/wallet-nonce, sign the SIWE
message, POST /api/v1/agents/wallet-register). Paid calls use the balance first; when it runs
short they answer 402 with x402 payment requirements, and a retry with PAYMENT-SIGNATURE pays.
The official x402 client caps a payment at $1 by default: raise it with
setSpendControls({ maxAmountPerPayment: "$5" }) before paying a $1.50 call.
Usage keys (411k_…) spend from the agent's balance under their own cap. Long work runs as a job:
POST /api/v1/enrich/jobs, then poll GET /api/v1/enrich/jobs/{job_id} with the poll bearer.
Signed callbacks report finished jobs and sessions.
Errors are {"error":{"code","message","details","request_id"}}; the agent guide gives every code
with what to do next. Send Idempotency-Key on POSTs.

Prohibited use: ${FCRA_NOTICE}

## Docs

- [Agent guide](${links.skill}): minting, billing, x402 client setup, jobs, callbacks, every route, every error code
- [OpenAPI 3.1](${links.openapi}): schemas, with x-payment-info on paid operations
- [Pricing](${links.pricing}): live prices from the catalog
- [x402 catalog](${links.well_known}): paid resources and what they accept
- [Bazaar list](${links.bazaar}): x402 discovery resources

## Paid routes

${paid}

## Other routes

${others}
`;
}
