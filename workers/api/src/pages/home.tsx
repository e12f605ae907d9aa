import { STARTING_CREDIT } from "@411data/core";
import { ENTRIES, liveCatalogRoutes, priceRow, usdText } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";
import { PriceTable } from "./pricing.tsx";

export const home: Page = {
  path: "/",
  title: "411data",
  description: "Lead and business-data enrichment for AI agents, paid per call from a USD balance or with x402 USDC.",
  async render(c) {
    const enabled = await liveCatalogRoutes(c);
    const prices = ENTRIES.map((e) => priceRow(e, enabled)).filter((p) => !p.offline && p.path.startsWith("/api/v1/enrich/"));
    return (
      <>
        <h1>Lead enrichment your agents can pay for themselves</h1>
        <p class="lead">
          411data turns a phone number, a name or a business into people, phones, emails, addresses and sources. Agents
          pay per call from a prepaid USD balance, or per request in USDC with x402. Enrichment is charged only when it
          matches, every call is stored, and every charge is on a ledger you can read.
        </p>
        <div class="row">
          <a class="button" href="/connect">
            Connect a wallet
          </a>
          <a class="button secondary" href="/quickstart">
            Read the quickstart
          </a>
        </div>

        <h2>Three ways in</h2>
        <div class="cards">
          <section class="card" aria-labelledby="way-browser">
            <h3 id="way-browser">In a browser</h3>
            <p>
              <a href="/connect">Connect</a> a wallet holding at least $1 USDC, sign once, and get an agent with{" "}
              {usdText(STARTING_CREDIT)} of starting credit, an optional USD budget, usage keys and deposits.
            </p>
          </section>
          <section class="card" aria-labelledby="way-rest">
            <h3 id="way-rest">Over REST</h3>
            <p>
              JSON over HTTPS with a bearer, or x402 without one. The <a href="/developers">developer guide</a> has the
              API reference; <a href="/openapi.json">/openapi.json</a> is the machine copy.
            </p>
          </section>
          <section class="card" aria-labelledby="way-mcp">
            <h3 id="way-mcp">From an MCP client</h3>
            <p>
              Every paid capability is an MCP tool at <code>/mcp</code>, billed exactly like the REST route. See{" "}
              <a href="/cookbook/mcp_client">adding the MCP server to a client</a>.
            </p>
          </section>
        </div>

        <h2>You are…</h2>
        <ul>
          <li>
            <strong>A person with a browser wallet:</strong> <a href="/quickstart">quickstart</a>, then{" "}
            <a href="/connect">connect</a>. Once minted, ask the <a href="/enrich_agent">enrich agent</a> in plain words, or
            try any route in the <a href="/playground">playground</a>.
          </li>
          <li>
            <strong>A script or an agent:</strong> mint with two signatures (<a href="/developers">developers</a>), then
            read <a href="/skill.md">skill.md</a> and <a href="/openapi.json">the OpenAPI document</a>.
          </li>
          <li>
            <strong>Looking for a worked example:</strong> the <a href="/cookbook">cookbook</a>.
          </li>
        </ul>

        <h2>Prices</h2>
        <PriceTable prices={prices} caption="Enrichment routes available now (all prices on the live catalog)" brief />
        <p>
          Every route, with the billing rule of each: <a href="/pricing">pricing</a>. How payment works:{" "}
          <a href="/x402">x402 policy</a>.
        </p>
      </>
    );
  },
};
