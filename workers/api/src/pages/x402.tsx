import { usdText } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";

export const x402: Page = {
  path: "/x402",
  title: "x402 payment policy",
  description: "How 411data takes payment: virtual balance first, then x402 USDC, settled only on a match.",
  render(c) {
    const config = c.get("config");
    return (
      <>
        <h1>x402 payment policy</h1>
        <p class="lead">How a paid call is paid for, and when money actually moves.</p>
        <h2>Order of payment</h2>
        <ol>
          <li>With a bearer, the call draws on the agent's virtual USD balance: the price is held, the lookup runs, and the hold is captured on a match or released on no match.</li>
          <li>Without a bearer, or when the balance cannot cover the price, the route answers <code>402</code> with an x402 version 2 envelope: the <code>PAYMENT-REQUIRED</code> header and the same <code>accepts[]</code> in the JSON body, beside our error object.</li>
          <li>A retry carrying <code>PAYMENT-SIGNATURE</code> pays for that one call. The answer carries <code>PAYMENT-RESPONSE</code> naming the settlement transaction.</li>
        </ol>
        <h2>Schemes</h2>
        <table>
          <caption>What this deployment accepts</caption>
          <thead>
            <tr>
              <th scope="col">Scheme</th>
              <th scope="col">Used for</th>
              <th scope="col">When it settles</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row"><code>exact</code> (EIP-3009 <code>TransferWithAuthorization</code>)</th>
              <td>Synchronous paid routes, deposits, the recovery fee</td>
              <td>Verified before the work; settled only when the result matched (deposits and the recovery fee always settle)</td>
            </tr>
            <tr>
              <th scope="row"><code>upto</code> (Permit2)</th>
              <td>Async jobs and batches</td>
              <td>The actual cost, at most the ceiling, after the job; nothing on no match</td>
            </tr>
          </tbody>
        </table>
        <p>
          Network <code>{`eip155:${config.CHAIN_ID}`}</code>, asset USDC at <code>{config.USDC_ADDRESS}</code>, paid to{" "}
          <code>{config.PAY_TO_ADDRESS}</code>. Authorizations are valid for at most {String(config.X402_MAX_TIMEOUT_SEC)}{" "}
          seconds. Paid sync routes also offer MPP (<code>WWW-Authenticate: Payment</code>) under the same rules.
        </p>
        <h2>Budget commitment</h2>
        <p>
          At mint you may sign a plain-text commitment naming a USD budget. The server records it as{" "}
          <code>allowance_usd</code> and refuses x402 spending by that agent's wallet beyond it (
          <code>ALLOWANCE_EXCEEDED</code>). The signature is a record of intent, never replayed on-chain.
        </p>
        <h2>Deposits</h2>
        <p>
          <code>POST /api/v1/agents/deposits</code> with an amount between {usdText(config.DEPOSIT_MIN_USD)} and{" "}
          {usdText(config.DEPOSIT_MAX_USD)} answers a 402 for exactly that amount; paying it credits the balance.
          {config.DEPOSIT_MATCH_ENABLED ? " The deposit match promo is on: deposits earn a matching credit up to a cap." : ""}
        </p>
        <h2>Refunds and fees</h2>
        <ul>
          <li>No match, no charge: a hold is released, an x402 payment is never settled.</li>
          <li>Jobs refund what they did not use; a failed job is refunded in full.</li>
          <li>The wallet-recovery fee is paid before the answers are checked and is not refunded if they are wrong.</li>
        </ul>
        <p>
          Machine-readable offers: <a href="/.well-known/x402">/.well-known/x402</a> and{" "}
          <a href="/discovery/resources">/discovery/resources</a>.
        </p>
      </>
    );
  },
};
