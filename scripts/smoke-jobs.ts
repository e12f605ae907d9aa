// Smoke test of async enrich jobs against a running 411data (seed 003's smoke, in TypeScript):
// submit a job, print the 202, poll it to the end, print the result and the billing, and check
// that the money adds up. Exits non-zero when anything is off.
//
//   node scripts/smoke-jobs.ts --anon                       x402 upto from a wallet, no agent
//   node scripts/smoke-jobs.ts --balance --route websearch  an agent's virtual balance (topped up by an x402 deposit)
//   node scripts/smoke-jobs.ts --upto --route lead-session  an agent whose balance is short pays with x402 upto
//
// Options: --base-url (or BASE_URL; default http://localhost:8787), --route websearch|lead-session,
// --bill-up-to USD (default 1.50), --rpc-url (or CHAIN_RPC_URL; default http://127.0.0.1:8545).
// Against the local chain a fresh wallet is funded with anvil cheats; elsewhere set WALLET_KEY=0x…
// to a wallet holding USDC (and gas for the one-time Permit2 approval).
import { parseArgs } from "node:util";
import { x402Client } from "@x402/core/client";
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { PERMIT2_ADDRESS } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { UptoEvmScheme } from "@x402/evm/upto/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { createPublicClient, createWalletClient, defineChain, erc20Abi, http, maxUint256, numberToHex, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

const { values: args } = parseArgs({
  options: {
    "base-url": { type: "string" },
    "rpc-url": { type: "string" },
    anon: { type: "boolean", default: false },
    balance: { type: "boolean", default: false },
    upto: { type: "boolean", default: false },
    route: { type: "string", default: "websearch" },
    "bill-up-to": { type: "string", default: "1.50" },
  },
});

const modes = (["anon", "balance", "upto"] as const).filter((m) => args[m]);
if (modes.length !== 1) fail("pick exactly one of --anon, --balance, --upto");
const mode = modes[0]!;
if (args.route !== "websearch" && args.route !== "lead-session") fail("--route is websearch or lead-session");
const base = (args["base-url"] ?? process.env.BASE_URL ?? "http://localhost:8787").replace(/\/$/, "");
const rpcUrl = args["rpc-url"] ?? process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545";
const localChain = /^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(rpcUrl);
const billUpTo = args["bill-up-to"]!;

const PAYLOADS = {
  websearch: { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" },
  "lead-session": {
    lead: { contact_id: 81555753, company: "Haney Furniture Co", street: "30 N Beaver St", city: "New Castle", state: "PA", zip: "16101", number1: "7246547732" },
    budget_usd: 2.0,
    max_rounds: 5,
    mode: "auto",
  },
} as const;
const job = { route: `enrich/${args.route}`, payload: PAYLOADS[args.route as keyof typeof PAYLOADS], bill_up_to_usd: billUpTo };

const show = (label: string, value: unknown) => console.log(`\n▶ ${label}\n${JSON.stringify(value, null, 2)}`);
function fail(message: string): never {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}
function check(ok: boolean, message: string) {
  if (!ok) fail(message);
  console.log(`✓ ${message}`);
}

// ── chain and wallet ──────────────────────────────────────────────────────────────────────────

const wallet = privateKeyToAccount((process.env.WALLET_KEY as Hex | undefined) ?? generatePrivateKey());
if (!process.env.WALLET_KEY && !localChain) fail("set WALLET_KEY to a funded wallet when the chain is not local");
const chainId = Number(await rpc("eth_chainId", []));
const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
const reader = createPublicClient({ chain, transport: http(rpcUrl) });

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

const usdcOf = (token: Address, owner: Address) => reader.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

/** The token and payee the service asks to be paid with, from its own 402 (nothing to keep in sync). */
async function paymentTerms(): Promise<{ asset: Address; payTo: Address }> {
  const res = await fetch(`${base}/api/v1/enrich/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(job) });
  if (res.status !== 402) fail(`expected a 402 from an unpaid submit, got ${res.status}: ${await res.text()}`);
  const accepts = decodePaymentRequiredHeader(res.headers.get("payment-required")!).accepts;
  if (accepts.length === 0) fail("the service offers no x402 upto (no facilitator signer configured)");
  return { asset: accepts[0]!.asset as Address, payTo: accepts[0]!.payTo as Address };
}

/** The payer's one-time step for upto: let Permit2 pull the token (skipped when already allowed). */
async function approvePermit2(token: Address) {
  const allowed = await reader.readContract({ address: token, abi: erc20Abi, functionName: "allowance", args: [wallet.address, PERMIT2_ADDRESS] });
  if (allowed >= 10n ** 12n) return;
  if (localChain) await rpc("anvil_setBalance", [wallet.address, numberToHex(10n ** 17n)]);
  const signer = createWalletClient({ account: wallet, chain, transport: http(rpcUrl) });
  const hash = await signer.writeContract({ address: token, abi: erc20Abi, functionName: "approve", args: [PERMIT2_ADDRESS, maxUint256] });
  const receipt = await reader.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") fail(`Permit2 approval ${hash} reverted`);
  console.log(`Permit2 approved for ${wallet.address} (tx ${hash})`);
}

function payingClient(asset: Address) {
  return new x402Client()
    .register("eip155:*", new ExactEvmScheme(wallet))
    .register("eip155:*", new UptoEvmScheme(wallet))
    .setSpendControls({ allowedAssets: [{ network: `eip155:${chainId}`, asset }] });
}

// ── agent (balance and upto modes) ────────────────────────────────────────────────────────────

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

async function mintAgent(): Promise<string> {
  const nonce = await post("/api/v1/agents/wallet-nonce", { address: wallet.address });
  const registered = await post("/api/v1/agents/wallet-register", {
    siwe_message: nonce.body.siwe_message,
    siwe_signature: await wallet.signMessage({ message: nonce.body.siwe_message }),
  });
  const token = registered.body.token ?? process.env.AGENT_TOKEN;
  if (!token) fail(`this wallet minted before (the bearer is shown once); set AGENT_TOKEN=411_… (${registered.status})`);
  console.log(`agent ${registered.body.agent_id ?? "(existing)"} for ${wallet.address}`);
  return token;
}

// ── run ───────────────────────────────────────────────────────────────────────────────────────

console.log(`411data jobs smoke: --${mode} --route ${args.route}, bill up to $${billUpTo}, against ${base}`);
const { asset, payTo } = await paymentTerms();
if (!process.env.WALLET_KEY) {
  await rpc("anvil_dealERC20", [wallet.address, asset, numberToHex(20_000_000n)]);
  console.log(`fresh wallet ${wallet.address} given 20 TestUSDC on the local chain`);
}
const payerBefore = await usdcOf(asset, wallet.address);
const payeeBefore = await usdcOf(asset, payTo);

let token: string | null = null;
let submitted: Response;
if (mode === "anon") {
  await approvePermit2(asset);
  submitted = await wrapFetchWithPayment(fetch, payingClient(asset))(`${base}/api/v1/enrich/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(job),
  });
} else if (mode === "balance") {
  token = await mintAgent();
  const auth = { authorization: `Bearer ${token}` };
  // The starting credit is less than a ceiling: top up by an x402 deposit from the same wallet first.
  const deposit = await wrapFetchWithPayment(fetch, payingClient(asset))(`${base}/api/v1/agents/deposits`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ amount_usd: "5.00" }),
  });
  show(`POST /api/v1/agents/deposits ($5.00 via x402) → ${deposit.status}`, await deposit.json());
  submitted = await fetch(`${base}/api/v1/enrich/jobs`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify(job) });
} else {
  token = await mintAgent();
  await approvePermit2(asset);
  const auth = { authorization: `Bearer ${token}` };
  const short = await post("/api/v1/enrich/jobs", job, auth);
  show(`POST /api/v1/enrich/jobs on a $0.20 balance → ${short.status}`, short.body.error);
  check(short.status === 402 && short.body.accepts?.[0]?.scheme === "upto", "a short balance is answered with an x402 upto offer");
  const payload = await payingClient(asset).createPaymentPayload(decodePaymentRequiredHeader(short.headers.get("payment-required")!));
  submitted = await fetch(`${base}/api/v1/enrich/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth, "payment-signature": encodePaymentSignatureHeader(payload) },
    body: JSON.stringify(job),
  });
}

const accepted = (await submitted.json()) as Record<string, any>;
show(`POST /api/v1/enrich/jobs → ${submitted.status}`, accepted);
check(submitted.status === 202, "the job is accepted (202)");
const expectedMode = mode === "balance" ? "virtual_balance" : "x402_upto";
check(accepted.billing_mode === expectedMode, `billing_mode is ${expectedMode}`);
check(/^ej_/.test(accepted.job_id) && /^411j_/.test(accepted.poll_bearer), "job_id ej_… and poll_bearer 411j_…");

let final: Record<string, any> = accepted;
const started = Date.now();
for (;;) {
  const res = await fetch(`${base}/api/v1/enrich/jobs/${accepted.job_id}`, { headers: { authorization: `Bearer ${accepted.poll_bearer}` } });
  final = (await res.json()) as Record<string, any>;
  if (res.status !== 200) fail(`poll answered ${res.status}: ${JSON.stringify(final)}`);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1)}s  status=${final.status} billing_status=${final.billing_status}`);
  if (final.status === "completed" || final.status === "failed") break;
  if (Date.now() - started > 1_300_000) fail("the job did not end within its timeout");
  await new Promise((r) => setTimeout(r, (accepted.poll_interval_sec ?? 2) * 1000));
}

const result = final.result ?? {};
show(
  "result",
  args.route === "websearch"
    ? { matched: result.matched, phones: result.data?.phones?.map((p: any) => p.value), people: result.data?.people?.map((p: any) => p.value), sources: result.data?.sources?.length }
    : { matched: result.matched, rounds_used: result.rounds_used, tools_run: result.tools_run?.map((t: any) => `${t.round}. ${t.tool} → ${t.outcome}`), summary: result.graph?.summary_markdown?.split("\n").slice(0, 6).join("\n"), cost: result.cost },
);
show("billing", { status: final.status, billing_status: final.billing_status, billing: final.billing, error: final.error });

check(final.status === "completed", "the job completed");
const charged = Math.round((final.billing?.charged_usd ?? NaN) * 1e6);
check(Number.isInteger(charged) && charged >= 0 && charged <= Math.round(Number(billUpTo) * 1e6), `charged $${final.billing?.charged_usd} ≤ the $${billUpTo} ceiling`);
if (mode === "balance") {
  check(final.billing_status === "settled_virtual", "billing_status settled_virtual");
  const refunded = Math.round(final.billing.refunded_usd * 1e6);
  check(refunded + charged === Math.round(Number(billUpTo) * 1e6), "charged + refunded = the ceiling held");
  const balance = (await (await fetch(`${base}/api/v1/agents/balance`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, any>;
  show("GET /api/v1/agents/balance", balance);
  check(balance.held_usd === 0, "nothing left on hold");
} else {
  check(final.billing_status === "settled", "billing_status settled");
  check((charged > 0) === Boolean(final.billing.x402_transaction), charged > 0 ? `settled on-chain in ${final.billing.x402_transaction}` : "$0: no transaction");
  const payerDelta = payerBefore - (await usdcOf(asset, wallet.address));
  const payeeDelta = (await usdcOf(asset, payTo)) - payeeBefore;
  show("on-chain", { payer_paid_usdc: Number(payerDelta) / 1e6, payee_received_usdc: Number(payeeDelta) / 1e6 });
  check(payerDelta === BigInt(charged), "the payer paid exactly the charge, not the ceiling");
}
console.log("\nsmoke passed");
