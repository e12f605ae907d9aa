import type { Child } from "hono/jsx";
import { CATALOG, catalogEntry, STARTING_CREDIT } from "@411data/core";
import { LOCKOUT_BASE_MS } from "../services/identity/recovery.ts";
import { HISTORY_DAYS, MAX_QUESTIONS, MIN_QUESTIONS, OPTION_COUNT } from "../services/identity/recovery-questions.ts";
import { usdText } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";

// /connect is rendered here and driven by web/connect (the only script on the site that holds a
// bearer). The server renders every control; the script fills them in. The action comes from the
// query string so each view has its own shareable URL, and no secret ever goes in one.

export const CONNECT_ACTIONS = [
  { action: "", label: "Mint" },
  { action: "restore", label: "Restore" },
  { action: "rotate", label: "Rotate" },
  { action: "usage-keys", label: "Usage keys" },
  { action: "recover", label: "Recover" },
] as const;

type Action = (typeof CONNECT_ACTIONS)[number]["action"];

const actionOf = (raw: string | undefined): Action => CONNECT_ACTIONS.find((a) => a.action === raw)?.action ?? "";
const hrefOf = (action: Action) => (action ? `/connect?action=${action}` : "/connect");

function WalletPicker({ purpose }: { purpose: string }) {
  return (
    <section id="wallet" class="panel" aria-labelledby="wallet-h">
      <h2 id="wallet-h">Your wallet</h2>
      <p>
        Pick the browser wallet to {purpose}. Wallets announce themselves to this page (EIP-6963); the page never sees
        your keys.
      </p>
      <ul id="wallet-list" class="row" aria-label="Wallets found"></ul>
      <p id="wallet-none" hidden>
        No browser wallet found in this browser. Install one (any EIP-1193 wallet), or mint from a script with the{" "}
        <a href="/developers#mint">two-signature flow</a>.
      </p>
      <p id="wallet-connected" role="status" hidden></p>
    </section>
  );
}

function SecretBox() {
  return (
    <section id="secret" hidden aria-labelledby="secret-h">
      <h2 id="secret-h" tabindex={-1}>
        Save it now
      </h2>
      <div class="alert warn">
        <strong id="secret-label">Your bearer.</strong> It is shown this once and never again: we store only its hash.
        Put it in a password manager before you leave this page.
      </div>
      <p class="secret" id="secret-value"></p>
      <div class="row">
        <button type="button" id="secret-copy">
          Copy
        </button>
        <button type="button" id="secret-download" class="secondary">
          Download as a file
        </button>
        <button type="button" id="secret-done" class="secondary">
          I saved it, hide it
        </button>
      </div>
    </section>
  );
}

function Account() {
  return (
    <section id="account" class="panel" hidden aria-labelledby="account-h">
      <h2 id="account-h">Your agent</h2>
      <table>
        <caption class="muted">Held for this browser tab only (closing the tab forgets the bearer)</caption>
        <tbody>
          <tr><th scope="row">Agent</th><td><code id="acct-agent"></code></td></tr>
          <tr><th scope="row">Wallet</th><td><code id="acct-wallet"></code></td></tr>
          <tr><th scope="row">Balance</th><td id="acct-balance"></td></tr>
          <tr><th scope="row">Held by calls in flight</th><td id="acct-held"></td></tr>
          <tr><th scope="row">Budget committed (x402)</th><td id="acct-allowance"></td></tr>
          <tr><th scope="row">Drawn against the budget</th><td id="acct-drawn"></td></tr>
        </tbody>
      </table>
      <div class="row">
        <button type="button" id="refresh" class="secondary">Refresh</button>
        <button type="button" id="forget" class="secondary">Forget the bearer in this tab</button>
      </div>
    </section>
  );
}

function MintView() {
  return (
    <>
      <WalletPicker purpose="mint with (it must hold at least $1 USDC; nothing is withdrawn)" />
      <section id="mint" aria-labelledby="mint-h">
        <h2 id="mint-h">Mint your agent</h2>
        <form id="mint-form">
          <label class="check">
            <input type="checkbox" id="budget-on" checked /> Commit a USD budget
          </label>
          <p class="hint">
            One more signature, moving no funds: x402 payments by your wallet for this agent stop at this amount.
          </p>
          <label for="budget">
            Budget in USD <span class="hint">(for example 10)</span>
          </label>
          <input id="budget" name="budget" inputmode="decimal" autocomplete="off" value="10" />
          <div class="row">
            <button type="submit" id="mint-submit" disabled>
              Sign and mint
            </button>
          </div>
        </form>
        <p class="hint">
          New agents start with {usdText(STARTING_CREDIT)} of credit. Minting the same wallet again gives the same agent
          and shows no new bearer.
        </p>
      </section>
      <section id="deposit" hidden aria-labelledby="deposit-h">
        <h2 id="deposit-h">Top up with a deposit</h2>
        <form id="deposit-form">
          <label for="deposit-amount">
            Amount in USD <span class="hint">(paid in USDC from the wallet above with x402; not refundable)</span>
          </label>
          <input id="deposit-amount" name="amount" inputmode="decimal" autocomplete="off" value="5" />
          <div class="row">
            <button type="submit">Pay with my wallet</button>
          </div>
        </form>
        <p id="deposit-result" role="status"></p>
      </section>
      <section id="lookup" hidden aria-labelledby="lookup-h">
        <h2 id="lookup-h">Make a first lookup</h2>
        <form id="lookup-form">
          <label for="lookup-phone">
            Phone number <span class="hint">(reverse lookup, {usdText(CATALOG[0]!.price)} from your balance, charged only on a match)</span>
          </label>
          <input id="lookup-phone" name="phone" inputmode="tel" autocomplete="off" value="+17242060094" />
          <div class="row">
            <button type="submit">Look up from my balance</button>
          </div>
        </form>
        <div id="lookup-result" role="status"></div>
      </section>
    </>
  );
}

function RestoreView() {
  return (
    <section id="restore" aria-labelledby="restore-h">
      <h2 id="restore-h">Restore a saved bearer</h2>
      <p>Paste the bearer you saved. It is checked with the server and kept for this browser tab only, never in a URL.</p>
      <form id="restore-form">
        <label for="restore-bearer">Agent bearer or usage key</label>
        <input id="restore-bearer" name="bearer" type="password" autocomplete="off" spellcheck={false} placeholder="411_…" />
        <div class="row">
          <button type="submit">Check and use it</button>
        </div>
      </form>
    </section>
  );
}

function RotateView() {
  return (
    <section id="rotate" aria-labelledby="rotate-h">
      <h2 id="rotate-h">Rotate the bearer</h2>
      <p>
        Rotation issues a new agent bearer and stops the current one at once. Usage keys keep working. You need the
        current bearer in this tab (<a href="/connect?action=restore">restore it</a> first).
      </p>
      <div class="row">
        <button type="button" id="rotate-submit" disabled>
          Rotate now
        </button>
      </div>
    </section>
  );
}

function UsageKeysView() {
  return (
    <section id="usage-keys" aria-labelledby="keys-h">
      <h2 id="keys-h">Usage keys</h2>
      <p>
        Keys (<code>411k_…</code>) for scripts and teammates: each spends from your balance up to its own cap, optionally
        only on some routes and until a date. Revoking stops a key at once.
      </p>
      <form id="key-form">
        <label for="key-name">Name</label>
        <input id="key-name" name="name" autocomplete="off" value="my script" maxlength={80} />
        <label for="key-cap">
          Spend cap in USD <span class="hint">(the most this key may ever spend)</span>
        </label>
        <input id="key-cap" name="spend_cap_usd" inputmode="decimal" autocomplete="off" value="5" />
        <fieldset>
          <legend>Routes it may call (none ticked: every paid route)</legend>
          {CATALOG.map((e) => (
            <label class="check">
              <input type="checkbox" name="scope" value={e.id} /> <code>{e.id}</code> <span class="hint">{e.summary}</span>
            </label>
          ))}
        </fieldset>
        <label for="key-expires">
          Expires <span class="hint">(optional; local time)</span>
        </label>
        <input id="key-expires" name="expires_at" type="datetime-local" />
        <div class="row">
          <button type="submit" id="key-submit" disabled>
            Create key
          </button>
        </div>
      </form>
      <table>
        <caption>Your usage keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key id</th>
            <th scope="col">Spent / cap</th>
            <th scope="col">Scope</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="muted">Action</span></th>
          </tr>
        </thead>
        <tbody id="keys-body"></tbody>
      </table>
    </section>
  );
}

function RecoverView() {
  const fee = usdText(catalogEntry("agents.wallet_recover").price);
  const lockHours = LOCKOUT_BASE_MS / 3_600_000;
  return (
    <>
      <WalletPicker purpose="prove (the one the agent was minted with)" />
      <section id="recover" aria-labelledby="recover-h">
        <h2 id="recover-h">Recover with your wallet</h2>
        <p>
          Lost the bearer everywhere? Sign in with the agent's wallet and answer {MIN_QUESTIONS} to {MAX_QUESTIONS}{" "}
          questions about lookups the agent made with its bearer in the last {HISTORY_DAYS} days: for each, pick the
          value it looked up among {OPTION_COUNT}. You get a new bearer for the same agent and balance; the old bearer
          and every usage key stop working.
        </p>
        <div class="alert warn" id="recover-terms">
          <strong>Before you answer:</strong>
          <ul>
            <li>
              The {fee} USDC fee is paid from that wallet <em>before</em> the answers are checked, and it is not refunded
              if they are wrong.
            </li>
            <li>
              A wrong set locks recovery for this agent for {lockHours} hour{lockHours === 1 ? "" : "s"}, doubling after
              each further wrong set, and the questions it asked are never asked again.
            </li>
            <li>Agents with fewer than {MIN_QUESTIONS} such lookups cannot recover this way.</li>
          </ul>
        </div>
        <div class="row">
          <button type="button" id="recover-start" disabled>
            Sign in and get the questions
          </button>
        </div>
        <form id="recover-form" hidden aria-describedby="recover-terms">
          <p id="recover-needed"></p>
          <div id="recover-questions"></div>
          <label class="check">
            <input type="checkbox" name="accept" required /> I understand: the {fee} fee is paid first and kept if the
            answers are wrong
          </label>
          <div class="row">
            <button type="submit">Pay {fee} and submit the answers</button>
          </div>
        </form>
      </section>
    </>
  );
}

const VIEWS: Record<Action, () => Child> = {
  "": MintView,
  restore: RestoreView,
  rotate: RotateView,
  "usage-keys": UsageKeysView,
  recover: RecoverView,
};

export const connect: Page = {
  path: "/connect",
  title: "Connect",
  description: "Mint a 411data agent with your wallet, manage its bearer, usage keys and deposits.",
  script: "connect",
  cache: "no-store",
  render(c) {
    const action = actionOf(c.req.query("action"));
    const View = VIEWS[action];
    return (
      <div id="connect" data-action={action}>
        <h1>Connect</h1>
        <nav class="tabs" aria-label="Connect actions">
          {CONNECT_ACTIONS.map((a) => (
            <a href={hrefOf(a.action)} aria-current={a.action === action ? "page" : undefined}>
              {a.label}
            </a>
          ))}
        </nav>
        <noscript>
          <p class="alert warn">This page needs JavaScript to talk to your wallet. Everything else on the site reads without it.</p>
        </noscript>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="error" class="alert error" role="alert" hidden></div>
        <SecretBox />
        <Account />
        {View()}
      </div>
    );
  },
};
