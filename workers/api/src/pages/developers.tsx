import { publicBase } from "../routes/discovery/catalog-view.ts";
import { ApiReference, type OpenApiDocument } from "./api-reference.tsx";
import type { Page } from "./page.ts";

/** The developer guide; `openapi` yields the app's own OpenAPI document (the one /openapi.json serves). */
export function developersPage(openapi: () => OpenApiDocument): Page {
  return {
    path: "/developers",
    title: "Developers",
    description: "The 411data developer guide and API reference: minting, auth, billing, errors, every route.",
    render(c) {
      const base = publicBase(c);
      return (
        <>
          <h1>Developer guide</h1>
          <p class="lead">
            Everything is JSON over HTTPS. A bearer pays from a balance; without one, paid routes answer 402 with an
            x402 offer. The machine copy of this page is <a href="/openapi.json">/openapi.json</a>.
          </p>
          <nav aria-label="On this page">
            <ul>
              <li><a href="#mint">Mint an agent without a browser</a></li>
              <li><a href="#auth">Bearers and keys</a></li>
              <li><a href="#billing">Billing and 402</a></li>
              <li><a href="#errors">Errors, limits, idempotency</a></li>
              <li><a href="#reference">API reference</a></li>
            </ul>
          </nav>

          <h2 id="mint">Mint an agent without a browser</h2>
          <p>Ask for the messages to sign, sign them with the wallet (EIP-191 <code>personal_sign</code>), and register:</p>
          <pre>
            <code>{`curl -s ${base}/api/v1/agents/wallet-nonce -H 'content-type: application/json' \\
  -d '{"address":"0xYourWallet","allowance_usd":"10"}'
# sign siwe_message (and allowance_intent_message when you asked for a budget)
curl -s ${base}/api/v1/agents/wallet-register -H 'content-type: application/json' \\
  -d '{"siwe_message":"…","siwe_signature":"0x…",
       "allowance_intent_message":"…","allowance_intent_signature":"0x…"}'
# → {"agent_id":"agt_…","token":"411_…",…}   the token is shown once`}</code>
          </pre>
          <p>
            The wallet must hold at least $1 USDC (checked, never withdrawn). Minting the same wallet again returns the same
            agent with <code>token: null</code>.
          </p>

          <h2 id="auth">Bearers and keys</h2>
          <ul>
            <li><code>411_…</code> the agent bearer: everything, including rotation and usage keys.</li>
            <li><code>411k_…</code> usage keys: paid calls only, each with a spend cap, optional route scope and expiry.</li>
            <li><code>411j_…</code> job poll bearers: read one async job or batch.</li>
          </ul>
          <p>
            Send them as <code>Authorization: Bearer …</code>. Only their SHA-256 is stored. Rotate with{" "}
            <code>POST /api/v1/agents/token/rotate</code>; lost everywhere, <a href="/connect?action=recover">recover</a>{" "}
            with the wallet.
          </p>

          <h2 id="billing">Billing and 402</h2>
          <p>
            A paid call holds its price on your balance, runs, and captures only on a match. When the balance is short, or
            there is no bearer, the answer is <code>402</code> with <code>accepts[]</code>; pay one of them and retry with{" "}
            <code>PAYMENT-SIGNATURE</code> (<a href="/x402">policy</a>, <a href="/cookbook/x402_client">with the official client</a>).
            Every paid answer has a <code>billing</code> block: price, charged, refunded, balance after, payment mode.
          </p>

          <h2 id="errors">Errors, limits, idempotency</h2>
          <p>Every error has one shape, with a stable code and words that say what to do next:</p>
          <pre>
            <code>{`{"error":{"code":"INSUFFICIENT_BALANCE","message":"…","details":{…}}}`}</code>
          </pre>
          <ul>
            <li><code>X-Request-Id</code> on every answer finds the stored call in <code>GET /api/v1/agents/requests</code>.</li>
            <li><code>Idempotency-Key</code> on a POST: the same key and body within 24 hours replays the answer and charges nothing.</li>
            <li><code>429</code> and <code>402</code> carry <code>Retry-After</code> or the payment to make; <code>RateLimit</code> headers say where you stand.</li>
          </ul>

          <h2 id="reference">API reference</h2>
          <p class="muted">Rendered from this deployment's <a href="/openapi.json">OpenAPI 3.1 document</a>.</p>
          <ApiReference doc={openapi()} />
        </>
      );
    },
  };
}
