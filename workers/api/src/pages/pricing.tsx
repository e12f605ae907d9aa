import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { usdText, type priceRow } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";

type PriceRow = ReturnType<typeof priceRow>;

export function priceCell(p: PriceRow): string {
  if (p.price_atomic === null) return "you choose";
  const amount = usdText(Number(p.price_atomic));
  if (p.billing === "upto") return `up to ${amount} (default)`;
  if (p.billing === "metered_on_match") return `from ${amount}`;
  return amount;
}

export function PriceTable({ prices }: { prices: PriceRow[] }) {
  return (
    <table>
      <caption>Paid routes and their default prices</caption>
      <thead>
        <tr>
          <th scope="col">Route</th>
          <th scope="col">Price</th>
          <th scope="col">How it is billed</th>
          <th scope="col">What it does</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {prices.map((p) => (
          <tr>
            <th scope="row">
              <code>{`${p.method} ${p.path}`}</code>
            </th>
            <td>{priceCell(p)}</td>
            <td>{p.price_text}</td>
            <td>{p.summary}</td>
            <td>{p.offline ? "offline" : "available"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The HTML face of GET /pricing (the route negotiates; JSON stays the default). */
export function pricingPage(doc: { prices: PriceRow[]; notes: string[] }): Page {
  return {
    path: "/pricing",
    title: "Pricing",
    description: "Live 411data prices from the catalog, paid from a virtual balance or with x402 USDC.",
    render: (_c: Context<AppEnv>) => (
      <>
        <h1>411data pricing</h1>
        <p class="lead">Live prices in US dollars, paid from your virtual balance or in USDC with x402.</p>
        <PriceTable prices={doc.prices} />
        <h2>Notes</h2>
        <ul>
          {doc.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
        <p>
          Also as <a href="/pricing">JSON</a> (send <code>Accept: application/json</code>),{" "}
          <a href="/skill.md">skill.md</a>, <a href="/openapi.json">OpenAPI</a>.
        </p>
      </>
    ),
  };
}
