import { STARTING_CREDIT } from "@411data/core";
import { publicBase, usdText } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";

export const quickstart: Page = {
  path: "/quickstart",
  title: "Quickstart",
  description: "From a browser wallet to a first paid lookup on 411data in five steps.",
  render(c) {
    const base = publicBase(c);
    const chainId = c.get("config").CHAIN_ID;
    return (
      <>
        <h1>Quickstart</h1>
        <p class="lead">
          Five steps from a browser wallet to a first paid lookup. Nothing here needs code; the same steps as curl
          commands are in the <a href="/developers">developer guide</a>.
        </p>
        <ol>
          <li>
            <h2>Have a wallet with at least $1 USDC</h2>
            <p>
              Any browser wallet that speaks EIP-1193 (MetaMask, Rabby, Coinbase Wallet…) on chain id{" "}
              <code>{String(chainId)}</code>. Minting checks the balance only; nothing is withdrawn.
            </p>
          </li>
          <li>
            <h2>Connect and mint your agent</h2>
            <p>
              Open <a href="/connect">Connect</a>, pick your wallet and sign the sign-in message. Tick{" "}
              <em>Commit a USD budget</em> to cap what your wallet may ever pay by x402 for this agent (one more
              signature, moves no funds). You start with {usdText(STARTING_CREDIT)} of credit.
            </p>
          </li>
          <li>
            <h2>Save the bearer</h2>
            <p>
              The agent bearer (<code>411_…</code>) is shown once. Copy it or download it into your password manager.
              Lost it? <a href="/connect?action=restore">Restore</a> checks one you saved;{" "}
              <a href="/connect?action=recover">recover</a> replaces it with your wallet.
            </p>
          </li>
          <li>
            <h2>Make a first lookup</h2>
            <p>
              On <a href="/connect">Connect</a>, run a reverse phone lookup from your balance, or call the API:
            </p>
            <pre>
              <code>{`curl -s ${base}/api/v1/enrich/phone \\
  -H 'authorization: Bearer 411_…' -H 'content-type: application/json' \\
  -d '{"phone":"+17242060094"}'`}</code>
            </pre>
            <p>A lookup that finds nothing costs nothing. Each paid answer carries a billing block with what it cost.</p>
            <p>
              Or, from the same tab, ask the <a href="/enrich_agent">enrich agent</a> ("who owns +17242060094?"): it runs the
              same lookups on your balance and shows each one's cost. The <a href="/playground">playground</a> sends any
              route with your bearer or anonymously and copies it as curl.
            </p>
          </li>
          <li>
            <h2>Give scripts their own keys, top up when needed</h2>
            <p>
              <a href="/connect?action=usage-keys">Usage keys</a> (<code>411k_…</code>) have their own spend cap, scope and
              expiry, and can be revoked at once. Top up the balance with a USDC deposit from the same page (
              <a href="/cookbook/prepay_deposits">how deposits work</a>).
            </p>
          </li>
        </ol>
      </>
    );
  },
};
