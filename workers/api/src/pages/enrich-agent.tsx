import { catalogEntry } from "@411data/core";
import { usdText } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";

// /enrich_agent: the hosted enrich agent in a page. The server renders every control; web/chat
// holds the tab's bearer (as /connect does), streams turns from POST /api/v1/agent/chat and draws
// the tool calls, their cost and the stored conversations.

const CHAT = catalogEntry("agent.chat");

function NoBearer() {
  return (
    <section id="no-bearer" class="panel" aria-labelledby="no-bearer-h">
      <h2 id="no-bearer-h">You need an agent bearer</h2>
      <p>
        The agent runs lookups on your balance, so it needs your agent's bearer (<code>411_…</code>) or a usage key (
        <code>411k_…</code>). <a href="/connect">Mint an agent on Connect</a> (a wallet with $1 USDC, one signature) and
        come back from the same tab, or paste a bearer you saved.
      </p>
      <form id="bearer-form">
        <label for="bearer-input">
          Agent bearer or usage key <span class="hint">(kept for this browser tab only, never in a URL)</span>
        </label>
        <input id="bearer-input" name="bearer" type="password" autocomplete="off" spellcheck={false} placeholder="411_…" />
        <div class="row">
          <button type="submit">Use it in this tab</button>
        </div>
      </form>
    </section>
  );
}

function Sidebar() {
  return (
    <aside class="convos" aria-labelledby="convos-h">
      <h2 id="convos-h">Conversations</h2>
      <div class="row">
        <button type="button" id="new-chat" class="secondary">
          New conversation
        </button>
      </div>
      <ul id="convo-list" aria-label="Stored conversations"></ul>
      <p id="convo-none" class="hint" hidden>
        None yet: your first message starts one.
      </p>
      <p class="hint">
        Balance: <strong id="balance">…</strong> · <a href="/connect">Connect</a>
      </p>
      <div class="row">
        <button type="button" id="forget" class="secondary">
          Forget the bearer
        </button>
      </div>
    </aside>
  );
}

function Thread() {
  return (
    <section class="thread-pane" aria-labelledby="thread-h">
      <h2 id="thread-h">New conversation</h2>
      <ol id="thread" class="thread" aria-live="polite"></ol>
      <div id="confirm-box" class="alert warn" hidden>
        <p id="confirm-text"></p>
        <div class="row">
          <button type="button" id="confirm-run">
            Run it
          </button>
        </div>
      </div>
      <form id="chat-form">
        <label for="message">
          Message <span class="hint">(a phone, a name with city and state, a business, a CSV header and row, or a support request)</span>
        </label>
        <textarea id="message" name="message" rows={3} maxlength={4000} required>
          {"who owns +17242060094?"}
        </textarea>
        <label for="max-spend">
          Spend limit for this turn, USD <span class="hint">(above it the agent asks before running a lookup)</span>
        </label>
        <input id="max-spend" name="max_spend_usd" inputmode="decimal" autocomplete="off" value="1.00" />
        <div class="row">
          <button type="submit" id="send">
            Send
          </button>
        </div>
      </form>
    </section>
  );
}

export const enrichAgent: Page = {
  path: "/enrich_agent",
  title: "Enrich agent",
  description: "Chat with 411data's enrich agent: paste a phone, a name, a business or a CRM row; it runs the API's tools on your balance.",
  script: "chat",
  cache: "no-store",
  render() {
    return (
      <div id="chat">
        <h1>Enrich agent</h1>
        <p class="lead">
          Paste a phone number, a person's name with a city, a business or a few CSV lines. The agent picks the same tools
          as the API and the MCP server, runs them on your balance and shows what each one found and cost.
        </p>
        <p class="hint">
          Price of a turn: model tokens at cost ×{(CHAT.marginBps! / 10_000).toFixed(2)}, held up to{" "}
          {usdText(CHAT.ceiling!.default)} and charged only as used (offline model: $0); each lookup bills at its own
          price, only on a match. See <a href="/pricing">pricing</a>.
        </p>
        <noscript>
          <p class="alert warn">This page needs JavaScript to stream the agent's answers. The API does the same: POST /api/v1/agent/chat.</p>
        </noscript>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="error" class="alert error" role="alert" hidden></div>
        <NoBearer />
        <div id="workspace" class="chat-layout" hidden>
          <Sidebar />
          <Thread />
        </div>
      </div>
    );
  },
};
