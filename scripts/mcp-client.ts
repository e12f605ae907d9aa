// The official MCP client against a running 411data (`pnpm dev`): lists the tools and runs the seed
// examples (a phone, a person by name and city, a business, a lead session) as tool calls.
//
//   AGENT_TOKEN=411_… node scripts/mcp-client.ts      pays from that agent's virtual balance
//   node scripts/mcp-client.ts                        no bearer: pays each call with x402 through
//                                                     _meta["x402/payment"] from a fresh local wallet
// (with a bearer whose balance is short, the same x402 retry pays the call instead)
//
// BASE_URL (default http://localhost:$PORT, PORT as given to `pnpm dev`, 8787), CHAIN_RPC_URL (default
// http://127.0.0.1:$CHAIN_PORT, 8545; only used to fund the fresh wallet on the local chain),
// ERA=legacy to speak the 2025 handshake.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { x402Client } from "@x402/core/client";
import type { PaymentRequired } from "@x402/core/types";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

const base = process.env.BASE_URL || `http://localhost:${process.env.PORT || "8787"}`;
const token = process.env.AGENT_TOKEN ?? null;
const rpcUrl = process.env.CHAIN_RPC_URL || `http://127.0.0.1:${process.env.CHAIN_PORT || "8545"}`;

const SEED_CALLS: [string, Record<string, unknown>][] = [
  ["enrich_phone", { phone: "+17242060094" }],
  ["enrich_person", { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" }],
  ["enrich_websearch", { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" }],
  [
    "enrich_lead_session",
    {
      lead: { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" },
      max_rounds: 3,
    },
  ],
];

const transport = new StreamableHTTPClientTransport(new URL("/mcp", base), token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {});
const client = new Client({ name: "411data-mcp-client", version: "1.0.0" }, { versionNegotiation: { mode: process.env.ERA === "legacy" ? "legacy" : "auto" } });
await client.connect(transport);
console.log(`connected to ${base}/mcp (${client.getProtocolEra()} era, server ${JSON.stringify(client.getServerVersion())})`);

const { tools } = await client.listTools();
console.log(`\n▶ ${tools.length} tools`);
for (const t of tools) console.log(`  ${t.name.padEnd(22)} ${/Price: (.*?)\. (Paid|Needs)/.exec(t.description ?? "")?.[1] ?? "free"}`);

if (token) {
  show("get_balance", (await client.callTool({ name: "get_balance", arguments: {} })).structuredContent);
} else {
  show("get_pricing (free, no bearer)", summarizePricing((await client.callTool({ name: "get_pricing", arguments: {} })).structuredContent));
}

const payer = freshPayer();
for (const [name, args] of SEED_CALLS) {
  let result = await client.callTool({ name, arguments: args });
  if (result.isError && isPaymentRequired(result.structuredContent)) {
    // The x402 tool-result binding: sign what the server asked for and retry with it in _meta.
    const payment = await payer(result.structuredContent);
    result = await client.callTool({ name, arguments: args, _meta: { "x402/payment": payment } });
  }
  const body = result.structuredContent as Record<string, any>;
  show(`${name} ${JSON.stringify(args)}${result.isError ? " → error" : ""}`, result.isError ? body : summarize(name, body, result._meta));
}
await client.close();

function show(label: string, value: unknown) {
  console.log(`\n▶ ${label}\n${JSON.stringify(value, null, 2)}`);
}

function summarize(name: string, body: Record<string, any>, meta: Record<string, unknown> | undefined) {
  const settled = meta?.["x402/payment-response"];
  const found =
    name === "enrich_websearch"
      ? { phones: body.data?.phones?.length, people: body.data?.people?.map((p: any) => `${p.value?.name} (${p.value?.title ?? "?"})`) }
      : name === "enrich_lead_session"
        ? { session_id: body.session_id, rounds_used: body.rounds_used, contacts: body.graph?.contacts?.length, phones: body.graph?.phones?.length }
        : { people: body.data?.people?.map((p: any) => p.names?.[0]?.value?.full) };
  return { matched: body.matched, ...found, billing: body.billing, ...(settled ? { "x402/payment-response": settled } : {}) };
}

function summarizePricing(doc: any) {
  return doc?.prices?.map((p: any) => `${p.method} ${p.path}: ${p.price_text}`);
}

function isPaymentRequired(v: unknown): v is PaymentRequired {
  return typeof v === "object" && v !== null && "x402Version" in v && "accepts" in v;
}

/** A brand-new wallet given 20 test USDC on the local chain (anvil cheat), signing with the x402 SDK. */
function freshPayer() {
  const wallet = privateKeyToAccount(generatePrivateKey());
  let client: x402Client | null = null;
  return async (required: PaymentRequired) => {
    if (!client) {
      console.log(`\n(${required.error}: paying with x402 from fresh local wallet ${wallet.address})`);
      const { asset, network } = required.accepts[0]!;
      await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_dealERC20", params: [wallet.address, asset, "0x1312d00"] }),
      });
      client = new x402Client().register("eip155:*", new ExactEvmScheme(wallet)).setSpendControls({ allowedAssets: [{ network, asset: asset as Hex }] });
    }
    return client.createPaymentPayload(required);
  };
}
