import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { usdText, type priceRow } from "../routes/discovery/catalog-view.ts";
import type { Page } from "./page.ts";
import { DataTable } from "./table.tsx";

type PriceRow = ReturnType<typeof priceRow>;

export function priceCell(p: PriceRow): string {
  if (p.price_atomic === null) return "you choose";
  const amount = usdText(Number(p.price_atomic));
  if (p.billing === "upto") return `up to ${amount} (default)`;
  if (p.billing === "metered_on_match") return `from ${amount}`;
  return amount;
}

/** The catalog as a table; `brief` keeps route, price and purpose only. */
export function PriceTable({ prices, caption, brief = false }: { prices: PriceRow[]; caption: string; brief?: boolean }) {
  const head = ["Route", "Price", ...(brief ? [] : ["How it is billed"]), "What it does", ...(brief ? [] : ["Status"])];
  return (
    <DataTable
      caption={caption}
      head={head}
      rows={prices.map((p) => [
        <code>{`${p.method} ${p.path}`}</code>,
        priceCell(p),
        ...(brief ? [] : [p.price_text]),
        p.summary,
        ...(brief ? [] : [p.offline ? "offline" : "available"]),
      ])}
    />
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
        <PriceTable prices={doc.prices} caption="Paid routes and their default prices" />
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
