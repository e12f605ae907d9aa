// A client's-eye tour of 411data against a running local product (`pnpm dev` runs it once):
// mint an agent with a wallet signature, look at it, deposit by x402 and run the seed examples from
// the balance (a phone, a person by name and city, a business by name and city, a lead session),
// pay one lookup with x402 from the wallet, and see the settlement on the local chain.
//
//   npx -y pnpm@10.34.9 demo      (PORT / CHAIN_PORT as given to `pnpm dev`; BASE_URL and CHAIN_RPC_URL
//                                  override both; WALLET_KEY=0x… to use your own key)
import { readFileSync } from "node:fs";
import { x402Client } from "@x402/core/client";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { createPublicClient, erc20Abi, http, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

const base = process.env.BASE_URL || `http://localhost:${process.env.PORT || "8787"}`;
const rpcUrl = process.env.CHAIN_RPC_URL || (process.env.CHAIN_PORT ? `http://127.0.0.1:${process.env.CHAIN_PORT}` : devVarsRpcUrl());
// A brand-new wallet each run (so every run is a first mint), given 50 TestUSDC on the local chain.
const wallet = privateKeyToAccount((process.env.WALLET_KEY as Hex | undefined) ?? generatePrivateKey());
const show = (label: string, value: unknown) => console.log(`\n▶ ${label}\n${JSON.stringify(value, null, 2)}`);

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

console.log(`411data demo against ${base} with wallet ${wallet.address}`);
try {
  await fetch(`${base}/healthz`);
} catch {
  console.error(
    `Nothing answers at ${base}. Start the product with \`npx -y pnpm@10.34.9 dev\` first; if you moved its port, ` +
      "give this command the same PORT (and CHAIN_PORT), e.g. `PORT=9787 npx -y pnpm@10.34.9 demo`.",
  );
  process.exit(1);
}
if (!process.env.WALLET_KEY) {
  // anvil's cheat call sets a token balance directly: a local-chain convenience, no transaction.
  await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_dealERC20", params: [wallet.address, await pricingAsset(), "0x2faf080"] }),
  });
}

// 1. Mint: ask for a SIWE message, sign it (and the optional budget commitment), register.
const nonce = await post("/api/v1/agents/wallet-nonce", { address: wallet.address, allowance_usd: "25" });
show("POST /api/v1/agents/wallet-nonce → messages to sign", { siwe_message: nonce.body.siwe_message });
const registered = await post("/api/v1/agents/wallet-register", {
  siwe_message: nonce.body.siwe_message,
  siwe_signature: await wallet.signMessage({ message: nonce.body.siwe_message }),
  allowance_intent_message: nonce.body.allowance_intent_message,
  allowance_intent_signature: await wallet.signMessage({ message: nonce.body.allowance_intent_message }),
});
show(`POST /api/v1/agents/wallet-register → ${registered.status}`, registered.body);
let token: string | null = registered.body.token ?? process.env.AGENT_TOKEN ?? null;
if (!token) {
  console.log("\nThis wallet minted before: the bearer was shown once then. Set AGENT_TOKEN=411_… to reuse it.");
  console.log("Continuing with x402 only.");
}

if (token) {
  const auth = { authorization: `Bearer ${token}` };
  const me = await fetch(`${base}/api/v1/agents/me`, { headers: auth });
  show("GET /api/v1/agents/me", await me.json());

  // 2. A lookup on the virtual balance ($0.20 starting credit < $0.33): the answer is a 402 that says what to do.
  const short = await post("/api/v1/enrich/phone", { phone: "+17242060094" }, auth);
  show(`POST /api/v1/enrich/phone with a $0.20 balance → ${short.status}`, short.body.error ?? short.body);

  // 3. Top up the virtual balance with an x402 deposit from the wallet, then pay the lookup from it.
  const payer = wrapFetchWithPayment(fetch, await payingClient());
  const deposit = await payer(`${base}/api/v1/agents/deposits`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ amount_usd: "5.00" }),
  });
  show(`POST /api/v1/agents/deposits ($5.00 via x402) → ${deposit.status}`, await deposit.json());
  const onBalance = await post("/api/v1/enrich/phone", { phone: "+17242060094" }, auth);
  show(`POST /api/v1/enrich/phone on the balance → ${onBalance.status}`, {
    matched: onBalance.body.matched,
    people: onBalance.body.data?.people?.map((p: any) => p.names?.[0]?.value?.full),
    billing: onBalance.body.billing,
  });
  const person = await post("/api/v1/enrich/person", { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" }, auth);
  show(`POST /api/v1/enrich/person (name + city) → ${person.status}`, {
    matched: person.body.matched,
    first: person.body.data?.people?.[0]?.names?.[0],
    billing: person.body.billing,
  });
  const business = await post("/api/v1/enrich/websearch", { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" }, auth);
  show(`POST /api/v1/enrich/websearch (business + city) → ${business.status}`, {
    matched: business.body.matched,
    phones: business.body.data?.phones?.map((p: any) => p.value ?? p),
    sources: business.body.data?.sources?.length,
    billing: business.body.billing,
  });

  // 4. The seed's lead session: a CRM row in, a lead_enrichment_v1 graph out.
  const lead = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };
  const session = await post("/api/v1/enrich/lead-session", { lead, budget_usd: 2.0, max_rounds: 5, mode: "auto" }, auth);
  show(`POST /api/v1/enrich/lead-session → ${session.status}`, {
    matched: session.body.matched,
    rounds_used: session.body.rounds_used,
    tools_run: session.body.tools_run?.map((t: any) => `${t.round}. ${t.tool} (${t.input}) → ${t.outcome}`),
    phones: session.body.graph?.phones?.length,
    contacts: session.body.graph?.contacts?.length,
    summary_markdown: session.body.graph?.summary_markdown?.split("\n").slice(0, 8).join("\n"),
    billing: session.body.billing,
  });
}

// 5. Pay per call with x402 from the wallet: the SDK client reads the 402, signs EIP-3009, retries.
const payFetch = wrapFetchWithPayment(fetch, await payingClient());
const paid = await payFetch(`${base}/api/v1/enrich/phone`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ phone: "+17242060094" }),
});
const paidBody = (await paid.json()) as Record<string, any>;
show(`POST /api/v1/enrich/phone paid with x402 → ${paid.status}`, {
  matched: paidBody.matched,
  first_person: paidBody.data?.people?.[0]?.names?.[0]?.value?.full,
  billing: paidBody.billing,
});

// 6. The settlement is a real transaction on the local chain.
if (paidBody.billing?.x402_transaction) {
  const chain = createPublicClient({ transport: http(rpcUrl) });
  const receipt = await chain.getTransactionReceipt({ hash: paidBody.billing.x402_transaction });
  const left = await chain.readContract({ address: receipt.to!, abi: erc20Abi, functionName: "balanceOf", args: [wallet.address] });
  show("settlement on the local chain", { tx: receipt.transactionHash, block: Number(receipt.blockNumber), status: receipt.status, wallet_usdc_left: Number(left) / 1e6 });
}

/** The SDK's paying client; the local test token is not one of its default assets, so allow it. */
async function payingClient() {
  return new x402Client()
    .register("eip155:*", new ExactEvmScheme(wallet))
    .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: (await pricingAsset()) as Hex }] });
}

/** The token the service asks to be paid in, read from its 402 (no config to keep in sync). */
async function pricingAsset(): Promise<string> {
  const challenge = await post("/api/v1/enrich/phone", { phone: "+17242060094" });
  return challenge.body.accepts[0].asset;
}

/** The chain `pnpm dev` started: its CLI writes CHAIN_RPC_URL into .dev.vars. */
function devVarsRpcUrl(): string {
  try {
    const line = /^CHAIN_RPC_URL=(.+)$/m.exec(readFileSync(new URL("../.dev.vars", import.meta.url), "utf8"));
    if (line) return line[1]!.trim();
  } catch {
    // no .dev.vars yet: the default port
  }
  return "http://127.0.0.1:8545";
}
