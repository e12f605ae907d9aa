import type { Child } from "hono/jsx";
import { CAPABILITIES } from "../../capabilities/registry.ts";
import { mcpClientConfig } from "../../mcp/client-config.ts";
import { DataTable } from "../table.tsx";

// Worked recipes, one per task. Each is plain text and code: no script, nothing to install
// beyond what the recipe names.

export interface Recipe {
  slug: string;
  title: string;
  summary: string;
  body(base: string): Child;
}

const Code = ({ children }: { children: string }) => (
  <pre>
    <code>{children}</code>
  </pre>
);

export const RECIPES: readonly Recipe[] = [
  {
    slug: "usage_keys",
    title: "Usage keys for scripts and teammates",
    summary: "Give each script its own 411k_ key with a spend cap, a route scope and an expiry; revoke it at once.",
    body: (base) => (
      <>
        <p>
          The agent bearer can do everything, including rotating itself. Hand scripts a usage key instead: it pays from
          the same balance, but never more than its cap, only on the routes you scope it to, and only until it expires.
          In the browser: <a href="/connect?action=usage-keys">Connect → Usage keys</a>. Over the API:
        </p>
        <Code>{`curl -s ${base}/api/v1/agents/usage-keys -H 'authorization: Bearer 411_…' \\
  -H 'content-type: application/json' \\
  -d '{"name":"crm sync","spend_cap_usd":"5.00","scope":["enrich.phone","enrich.person"],
       "expires_at":"2027-01-31T00:00:00Z"}'
# → {"key_id":"key_…","key":"411k_…",…}   the key is shown once

curl -s ${base}/api/v1/agents/usage-keys -H 'authorization: Bearer 411_…'          # list, with spent_usd
curl -s -X DELETE ${base}/api/v1/agents/usage-keys/key_… -H 'authorization: Bearer 411_…'  # revoke now`}</Code>
        <p>
          A call past the cap is refused before any work. Usage keys cannot mint other keys or rotate the bearer.
        </p>
      </>
    ),
  },
  {
    slug: "prepay_deposits",
    title: "Prepay with a USDC deposit",
    summary: "Top up the virtual balance once with x402 and let calls draw on it, instead of paying per request.",
    body: (base) => (
      <>
        <p>
          Name an amount; the answer is a 402 for exactly that amount. Pay it with any x402 client and the balance is
          credited. In the browser, <a href="/connect">Connect</a> does this from your wallet.
        </p>
        <Code>{`import { x402Client } from "@x402/core/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { privateKeyToAccount } from "viem/accounts";

const client = new x402Client().register("eip155:*", new ExactEvmScheme(privateKeyToAccount(KEY)))
  .setSpendControls({ maxAmountPerPayment: "$25" });   // a deposit is a larger payment than a lookup
const pay = wrapFetchWithPayment(fetch, client);
const res = await pay("${base}/api/v1/agents/deposits", {
  method: "POST",
  headers: { authorization: "Bearer 411_…", "content-type": "application/json" },
  body: JSON.stringify({ amount_usd: "20.00" }),
});
console.log(await res.json());   // {deposited_usd: 20, match_usd, virtual_balance_usd, transaction}`}</Code>
        <p>Deposits settle on-chain at once and are not refundable; enrichment drawn from the balance still bills on match only.</p>
      </>
    ),
  },
  {
    slug: "async_enrich_jobs",
    title: "Async enrich jobs",
    summary: "Queue websearch or a lead session, get a job id and a poll bearer, and poll or take a callback.",
    body: (base) => (
      <>
        <p>
          Long research should not hold a connection open. Submit it as a job: the ceiling (<code>bill_up_to_usd</code>,
          $1.50 by default) is held at submit, the actual cost is taken when it finishes and the rest refunded; no match
          costs nothing.
        </p>
        <Code>{`curl -s ${base}/api/v1/enrich/jobs -H 'authorization: Bearer 411_…' -H 'content-type: application/json' \\
  -d '{"route":"enrich/websearch","payload":{"business_name":"Finicky Window Cleaning, Inc.","city":"Dunedin","state":"FL"},
       "bill_up_to_usd":"3.00"}'
# → 202 {"job_id":"ej_…","poll_bearer":"411j_…","poll_interval_sec":…}

curl -s ${base}/api/v1/enrich/jobs/ej_… -H 'authorization: Bearer 411j_…'
# status: queued → running → completed (result mirrors the sync route) or failed (refunded)`}</Code>
        <p>
          Without a bearer the submit answers 402 with an x402 <code>upto</code> offer: you authorize the ceiling and
          only the actual cost is settled. Add <code>callback_url</code> (an https URL of yours) to be called when the job ends: deliveries are signed (HMAC over timestamp and body) and retried.
        </p>
      </>
    ),
  },
  {
    slug: "enrich_websearch_when",
    title: "When to use websearch",
    summary: "Phone and person lookups answer for people; websearch researches a business. Pick by what you hold.",
    body: () => (
      <>
        <table>
          <caption>Which route for which input</caption>
          <thead>
            <tr>
              <th scope="col">You have</th>
              <th scope="col">Use</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">A phone number</th>
              <td><code>enrich/phone</code></td>
              <td>Cheapest: the people behind the number, their other phones, emails and addresses.</td>
            </tr>
            <tr>
              <th scope="row">A person's name and city, or an address</th>
              <td><code>enrich/person</code></td>
              <td>People search on what you pass; more fields, fewer false matches.</td>
            </tr>
            <tr>
              <th scope="row">Only a business name (and maybe a town or domain)</th>
              <td><code>enrich/websearch</code></td>
              <td>LLM web research: phones, people with titles, addresses, legal associates, each with sources.</td>
            </tr>
            <tr>
              <th scope="row">A whole CRM row and a budget</th>
              <td><code>enrich/lead-session</code></td>
              <td>Runs the others in rounds and merges them into one graph with provenance.</td>
            </tr>
          </tbody>
        </table>
        <p>
          Websearch costs at least $1.00 on a match and more only when the research itself cost more (never above your
          ceiling). Run it as an <a href="/cookbook/async_enrich_jobs">async job</a> when you do not want to wait.
        </p>
      </>
    ),
  },
  {
    slug: "batch_csv",
    title: "Enrich a CSV in one batch",
    summary: "Upload up to 10,000 rows; rows are deduped, run on the queue, billed per match, and returned as CSV.",
    body: (base) => (
      <>
        <p>
          Rows are deduped by <code>contact_id</code>, then email, then phone. Each row runs as its own job and is billed
          only when it matches. Cancelling stops rows that have not started; they are never billed.
        </p>
        <Code>{`curl -s ${base}/api/v1/batch/enrich/upload -H 'authorization: Bearer 411_…' \\
  -H 'content-type: text/csv' --data-binary @leads.csv
# → 202 {"batch_id":"eb_…","rows":…,"duplicates":…,"estimate_usd":…,"poll_bearer":"411j_…"}

curl -s ${base}/api/v1/batch/eb_… -H 'authorization: Bearer 411j_…'            # done, matched, failed, spend, ETA
curl -s ${base}/api/v1/batch/eb_…/results.csv -H 'authorization: Bearer 411j_…' > enriched.csv`}</Code>
      </>
    ),
  },
  {
    slug: "x402_client",
    title: "Pay per call with the official x402 client",
    summary: "Use @x402/fetch with spend controls; raise the per-payment cap for $1.50 calls, which it refuses by default.",
    body: (base) => (
      <>
        <p>
          No account needed: a paid route without a bearer answers 402, the client signs an EIP-3009 authorization for
          exactly the price, and retries. The authorization is settled only when the lookup matched.
        </p>
        <Code>{`import { x402Client } from "@x402/core/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { privateKeyToAccount } from "viem/accounts";

const client = new x402Client()
  .register("eip155:*", new ExactEvmScheme(privateKeyToAccount(process.env.WALLET_KEY)))
  // The client refuses any single payment above $1 unless told otherwise: lead sessions ($1.50)
  // and async jobs ($1.50 default ceiling) need a higher cap. Keep it as low as your calls allow.
  .setSpendControls({ maxAmountPerPayment: "$2" });

const pay = wrapFetchWithPayment(fetch, client);
const res = await pay("${base}/api/v1/enrich/phone", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ phone: "+17242060094" }),
});
console.log(res.status, res.headers.get("payment-response"), await res.json());`}</Code>
        <ul>
          <li>
            <code>allowedAssets</code> limits which tokens the client may spend; USDC on the usual networks is allowed
            by default, any other token (a local test token, say) must be listed, optionally with its own atomic{" "}
            <code>maxAmountPerPayment</code>.
          </li>
          <li>
            If you minted with a budget commitment, x402 spending by your wallet stops at that budget (
            <code>ALLOWANCE_EXCEEDED</code>).
          </li>
          <li>Async jobs pay with the <code>upto</code> scheme (Permit2): register an upto-capable scheme for them.</li>
        </ul>
      </>
    ),
  },
  {
    slug: "mcp_client",
    title: "Add the MCP server to a client",
    summary: "Point any MCP client at /mcp with your bearer; every paid capability is a tool billed like the API.",
    body: (base) => (
      <>
        <p>
          The server speaks MCP over streamable HTTP at <code>{`${base}/mcp`}</code>. Give it a usage key rather than
          the agent bearer, so a runaway agent stops at the key's cap.
        </p>
        <Code>{mcpClientConfig(base, "411k_…")}</Code>
        <p>
          The tools are the REST routes under their own names, billed by the same wrapper: each call holds, captures on
          a match and shows in your request log exactly like the REST call. Without a bearer, a paid tool answers with
          an x402 payment request instead.
        </p>
        <DataTable
          caption="Tools"
          head={["Tool", "What it does"]}
          rows={CAPABILITIES.map((cap) => [<code>{cap.tool}</code>, cap.title])}
        />
      </>
    ),
  },
];
