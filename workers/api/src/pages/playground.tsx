import type { Page } from "./page.ts";

// /playground: any operation of /openapi.json, sent from the browser to this origin with the tab's
// bearer or anonymously. web/playground reads the document, fills the form and explains the answer.

export const playground: Page = {
  path: "/playground",
  title: "Playground",
  description: "Try any 411data API operation in the browser: edit the body, send it with your bearer or anonymously, read the answer and copy it as curl.",
  script: "playground",
  cache: "no-store",
  render() {
    return (
      <div id="playground">
        <h1>Playground</h1>
        <p class="lead">
          Pick an operation from the <a href="/openapi.json">OpenAPI document</a>, edit its body and send it. Paid calls
          bill for real: from your balance with this tab's bearer, or anonymously they answer 402 with the x402 terms.
        </p>
        <noscript>
          <p class="alert warn">This page needs JavaScript to send requests. The <a href="/developers">developer guide</a> documents every operation.</p>
        </noscript>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="error" class="alert error" role="alert" hidden></div>
        <form id="pg-form">
          <label for="op">Operation</label>
          <select id="op" name="op">
            <option value="">Loading /openapi.json…</option>
          </select>
          <p id="op-summary" class="hint"></p>
          <div id="params"></div>
          <div id="body-field">
            <label for="body">
              JSON body <span class="hint">(prefilled from the operation's example)</span>
            </label>
            <textarea id="body" name="body" class="code wide" rows={8} spellcheck={false}></textarea>
          </div>
          <fieldset>
            <legend>Send as</legend>
            <label class="check">
              <input type="radio" name="auth" value="bearer" id="auth-bearer" /> With this tab's bearer{" "}
              <span id="auth-note" class="hint"></span>
            </label>
            <label class="check">
              <input type="radio" name="auth" value="anonymous" id="auth-anonymous" /> Anonymously{" "}
              <span class="hint">(paid routes answer 402 with what to pay)</span>
            </label>
          </fieldset>
          <div class="row">
            <button type="submit" id="send" disabled>
              Send
            </button>
          </div>
        </form>
        <section id="response" hidden aria-labelledby="response-h">
          <h2 id="response-h" tabindex={-1}>
            Response
          </h2>
          <p id="res-status" class="status-line"></p>
          <table>
            <caption>Headers that matter</caption>
            <tbody id="res-headers"></tbody>
          </table>
          <div id="res-payment" class="alert warn" hidden></div>
          <div id="res-billing" class="billing" hidden></div>
          <h3>Body</h3>
          {/* Focusable so a keyboard can scroll a long answer. */}
          <pre tabindex={0}>
            <code id="res-body"></code>
          </pre>
        </section>
        <section id="curl-box" aria-labelledby="curl-h">
          <h2 id="curl-h">As curl</h2>
          <label class="check">
            <input type="checkbox" id="curl-bearer" /> Include my bearer <span class="hint">(otherwise masked)</span>
          </label>
          <pre tabindex={0}>
            <code id="curl"></code>
          </pre>
          <div class="row">
            <button type="button" id="curl-copy" class="secondary">
              Copy as curl
            </button>
          </div>
        </section>
      </div>
    );
  },
};
