import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { x402Client } from "@x402/core/client";
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { UptoEvmScheme } from "@x402/evm/upto/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import type { Address } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { RESERVED_NAMES } from "@411data/vendors";
import { mintAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, withEnvelope } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { approvePermit2, usdcOf } from "./support/x402.ts";

// Jobs paid with x402 `upto` (Permit2) on the local chain: the 402 offers the ceiling, the signed
// retry is verified and answered 202, and after the job the actual cost is settled on-chain.

const FINICKY = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };
const MANNO = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };
const micros = (usd: number) => Math.round(usd * 1_000_000);
const PAY_TO = () => env.PAY_TO_ADDRESS as Address;

interface Job {
  status: string;
  billing_status: string | null;
  billing_mode: string;
  billing: { bill_up_to_usd: number; charged_usd: number | null; refunded_usd: number | null; x402_transaction: string | null };
  matched: boolean | null;
  result: Record<string, unknown> | null;
  error: { code: string } | null;
}

interface Accepted {
  job_id: string;
  poll_bearer: string;
  billing_mode: string;
  bill_up_to_usd: number;
  max_timeout_seconds: number;
}


/** A wallet with `usd` TestUSDC that approved Permit2, and the SDK's own upto client signing for it. */
async function uptoPayer(usd = 10, approve = true) {
  const account = await newWallet(usd);
  if (approve) await approvePermit2(account);
  const client = new x402Client()
    .register("eip155:*", new UptoEvmScheme(account))
    .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: env.USDC_ADDRESS }] });
  const worker = async (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));
  const pay = wrapFetchWithPayment(worker, client);
  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    pay(`${BASE}/api/v1/enrich/jobs`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { account, client, submit };
}

async function accepted(res: Response): Promise<Accepted> {
  if (res.status !== 202) throw new Error(`submit ${res.status}: ${await res.text()}`);
  return (await res.json()) as Accepted;
}

async function pollUntilDone(jobId: string, bearer: string, timeout = 20_000): Promise<Job> {
  return vi.waitUntil(
    async () => {
      const res = await call(`/api/v1/enrich/jobs/${jobId}`, { headers: { authorization: `Bearer ${bearer}` } });
      if (res.status !== 200) throw new Error(`poll ${res.status}: ${await res.text()}`);
      const job = (await res.json()) as Job;
      return job.status === "completed" || job.status === "failed" ? job : false;
    },
    { timeout, interval: 100 },
  );
}

/** Signs a fresh upto payment for this job body with the SDK client (the 402 names what to sign). */
async function signedHeader(client: x402Client, body: unknown): Promise<string> {
  const res = await postJson("/api/v1/enrich/jobs", body);
  expect(res.status).toBe(402);
  const required = decodePaymentRequiredHeader(res.headers.get("payment-required")!);
  return encodePaymentSignatureHeader(await client.createPaymentPayload(required));
}

describe("x402 upto jobs (real SDK client, local chain)", () => {
  it("anonymous websearch job: 402 upto → signed retry → 202 x402_upto; the actual cost settles on-chain after the job", async () => {
    const payer = await uptoPayer(10);
    const payeeBefore = await usdcOf(PAY_TO());
    const job0 = await accepted(await payer.submit({ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 3 }));
    expect(job0).toMatchObject({ billing_mode: "x402_upto", bill_up_to_usd: 3 });
    expect(job0.max_timeout_seconds).toBeGreaterThan(1000);
    expect(job0.max_timeout_seconds).toBeLessThanOrEqual(1200);

    const job = await pollUntilDone(job0.job_id, job0.poll_bearer);
    expect(job).toMatchObject({ status: "completed", billing_status: "settled", billing_mode: "x402_upto", matched: true });
    const cogs = micros((job.result!.metadata as { cogs_usd: number }).cogs_usd);
    const charge = Math.min(Math.max(1_000_000, Math.ceil((cogs * 13_000) / 10_000)), 3_000_000);
    expect(job.billing).toMatchObject({ bill_up_to_usd: 3, charged_usd: charge / 1e6, refunded_usd: 0 });
    expect(job.billing.x402_transaction).toMatch(/^0x[0-9a-f]{64}$/);
    // On-chain: the payee gained exactly the charge, the payer lost exactly it — not the ceiling.
    expect((await usdcOf(PAY_TO())) - payeeBefore).toBe(BigInt(charge));
    expect(await usdcOf(payer.account.address)).toBe(10_000_000n - BigInt(charge));
    const lock = await env.DB.prepare("SELECT status, tx_hash, amount_micros FROM x402_payments WHERE payer = ?")
      .bind(payer.account.address.toLowerCase())
      .first<{ status: string; tx_hash: string; amount_micros: number }>();
    expect(lock).toEqual({ status: "settled", tx_hash: job.billing.x402_transaction, amount_micros: 3_000_000 });
  });

  it("no match settles $0: no transaction, the payer keeps every unit", async () => {
    const payer = await uptoPayer(5);
    const payeeBefore = await usdcOf(PAY_TO());
    const job0 = await accepted(await payer.submit({ route: "enrich/websearch", payload: { business_name: `Acme ${RESERVED_NAMES.no_match}` } }));
    const job = await pollUntilDone(job0.job_id, job0.poll_bearer);
    expect(job).toMatchObject({ status: "completed", matched: false, billing_status: "settled" });
    expect(job.billing).toMatchObject({ charged_usd: 0, x402_transaction: null });
    expect(await usdcOf(payer.account.address)).toBe(5_000_000n);
    expect(await usdcOf(PAY_TO())).toBe(payeeBefore);
  });

  it("a job that fails (vendor down through every retry) settles nothing", async () => {
    const payer = await uptoPayer(5);
    const job0 = await accepted(await payer.submit({ route: "enrich/websearch", payload: { business_name: `Acme ${RESERVED_NAMES.unavailable}` } }));
    const job = await pollUntilDone(job0.job_id, job0.poll_bearer);
    expect(job).toMatchObject({ status: "failed", billing_status: "settled", result: null });
    expect(job.error?.code).toBe("VENDOR_UNAVAILABLE");
    expect(job.billing).toMatchObject({ charged_usd: 0, x402_transaction: null });
    expect(await usdcOf(payer.account.address)).toBe(5_000_000n);
  });

  it("a lead-session job settles the session charge", async () => {
    const payer = await uptoPayer(10);
    const job0 = await accepted(await payer.submit({ route: "enrich/lead-session", payload: { lead: MANNO, budget_usd: 2 }, bill_up_to_usd: 4 }));
    const job = await pollUntilDone(job0.job_id, job0.poll_bearer, 30_000);
    expect(job).toMatchObject({ status: "completed", billing_status: "settled", matched: true });
    const charge = (job.result!.cost as { charge_usd: number }).charge_usd;
    expect(job.billing.charged_usd).toBe(charge);
    expect(await usdcOf(payer.account.address)).toBe(10_000_000n - BigInt(micros(charge)));
  }, 45_000);

  it("the same signed permit cannot pay for a second job", async () => {
    const payer = await uptoPayer(5);
    const body = { route: "enrich/websearch", payload: { business_name: `Acme ${RESERVED_NAMES.no_match}` } };
    const header = await signedHeader(payer.client, body);
    const first = await accepted(await postJson("/api/v1/enrich/jobs", body, { "payment-signature": header }));
    const replay = await postJson("/api/v1/enrich/jobs", body, { "payment-signature": header });
    const err = (await expectEnvelope(replay, 402, "PAYMENT_INVALID")) as unknown as { error: { details: { reason: string } } };
    expect(err.error.details.reason).toBe("invalid_exact_evm_nonce_already_used");
    await pollUntilDone(first.job_id, first.poll_bearer);
    const jobs = await env.DB.prepare("SELECT COUNT(*) AS n FROM enrich_jobs WHERE x402_payer = ?").bind(payer.account.address.toLowerCase()).first<{ n: number }>();
    expect(jobs?.n).toBe(1);
  });

  it("a permit for another ceiling, or from a wallet that never approved Permit2, is refused before any job exists", async () => {
    const payer = await uptoPayer(5);
    const header = await signedHeader(payer.client, { route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 1 });
    const other = await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 2 }, { "payment-signature": header });
    expect(other.status).toBe(402);
    expect(withEnvelope((await other.json()) as { error: { code: string } }).error.code).toBe("PAYMENT_INVALID");

    const unapproved = await uptoPayer(5, false);
    const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: FINICKY }, {
      "payment-signature": await signedHeader(unapproved.client, { route: "enrich/websearch", payload: FINICKY }),
    });
    const err = (await expectEnvelope(res, 402, "PAYMENT_INVALID")) as unknown as { error: { details: { reason: string }; message: string } };
    expect(err.error.details.reason).toBe("permit2_allowance_required");
    expect(err.error.message).toMatch(/approve Permit2/);
    const jobs = await env.DB.prepare("SELECT COUNT(*) AS n FROM enrich_jobs WHERE x402_payer IN (?, ?)")
      .bind(payer.account.address.toLowerCase(), unapproved.account.address.toLowerCase())
      .first<{ n: number }>();
    expect(jobs?.n).toBe(0);
  });

  it("an agent whose balance is short pays with upto; the job is the agent's (its bearer polls it)", async () => {
    const agent = await mintAgent({ usdc: 5 }); // $0.20 of balance, short of the $1.50 ceiling
    await approvePermit2(agent.wallet);
    const client = new x402Client()
      .register("eip155:*", new UptoEvmScheme(agent.wallet))
      .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: env.USDC_ADDRESS }] });
    const body = { route: "enrich/websearch", payload: FINICKY };
    const short = await postJson("/api/v1/enrich/jobs", body, agent.auth);
    const required = decodePaymentRequiredHeader(short.headers.get("payment-required")!);
    expect(withEnvelope((await short.json()) as { error: { code: string } }).error.code).toBe("INSUFFICIENT_BALANCE");
    const header = encodePaymentSignatureHeader(await client.createPaymentPayload(required));
    const job0 = await accepted(await postJson("/api/v1/enrich/jobs", body, { ...agent.auth, "payment-signature": header }));
    expect(job0.billing_mode).toBe("x402_upto");
    const job = await pollUntilDone(job0.job_id, agent.token);
    expect(job).toMatchObject({ status: "completed", billing_status: "settled" });
    expect(await usdcOf(agent.wallet.address)).toBe(5_000_000n - BigInt(micros(job.billing.charged_usd!)));
    // The balance was not touched.
    const balance = (await (await call("/api/v1/agents/balance", { headers: agent.auth })).json()) as { virtual_balance_usd: number; held_usd: number };
    expect(balance).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
  });
});

/** Puts a settled job back in its true-up, as if the runner died right after the transfer went out. */
async function rewindToSettling(jobId: string, tx: string, opts: { hashNoted: boolean }) {
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE enrich_jobs SET status = 'completing', billing_status = 'settling', charged_micros = NULL, x402_transaction = NULL, finished_at = NULL, lease_id = NULL, lease_until = 0 WHERE id = ?",
    ).bind(jobId),
    env.DB.prepare(`UPDATE x402_payments SET status = 'locked'${opts.hashNoted ? "" : ", tx_hash = NULL"} WHERE tx_hash = ?`).bind(tx),
  ]);
}

describe("a settlement whose outcome was lost", () => {
  it("is looked up on the chain by the next delivery, never sent twice, and the job completes as paid", async () => {
    const payer = await uptoPayer(10);
    const job0 = await accepted(await payer.submit({ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 3 }));
    const done = await pollUntilDone(job0.job_id, job0.poll_bearer);
    const tx = done.billing.x402_transaction!;
    expect(tx).toMatch(/^0x[0-9a-f]{64}$/);
    const payerAfter = await usdcOf(payer.account.address);

    // Back to the moment after the transfer was sent: the job still completing, its claim still
    // locked with only the hash noted (as when the facilitator reports it sent but unconfirmed).
    await rewindToSettling(job0.job_id, tx, { hashNoted: true });
    await env.JOBS.send({ type: "enrich_job", job_id: job0.job_id });
    const again = await pollUntilDone(job0.job_id, job0.poll_bearer);
    expect(again).toMatchObject({ status: "completed", billing_status: "settled" });
    expect(again.billing).toMatchObject({ charged_usd: done.billing.charged_usd, x402_transaction: tx });
    expect(await usdcOf(payer.account.address)).toBe(payerAfter);
    const lock = await env.DB.prepare("SELECT status, tx_hash FROM x402_payments WHERE tx_hash = ?").bind(tx).first();
    expect(lock).toEqual({ status: "settled", tx_hash: tx });
  });

  it("with no hash on record, a permit Permit2 already spent reads as paid for the job's charge, not sent again", async () => {
    const payer = await uptoPayer(10);
    const job0 = await accepted(await payer.submit({ route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 3 }));
    const done = await pollUntilDone(job0.job_id, job0.poll_bearer);
    const tx = done.billing.x402_transaction!;
    const payerAfter = await usdcOf(payer.account.address);
    await rewindToSettling(job0.job_id, tx, { hashNoted: false });
    await env.JOBS.send({ type: "enrich_job", job_id: job0.job_id });
    const again = await pollUntilDone(job0.job_id, job0.poll_bearer);
    expect(again).toMatchObject({ status: "completed", billing_status: "settled" });
    expect(again.billing.charged_usd).toBe(done.billing.charged_usd);
    expect(await usdcOf(payer.account.address)).toBe(payerAfter);
  });
});

describe("idempotency for anonymous payers", () => {
  it("the same key and body without the payment gets a 402, never the payer's 202 and poll bearer", async () => {
    const payer = await uptoPayer(5);
    const body = { route: "enrich/websearch", payload: FINICKY, bill_up_to_usd: 2 };
    const key = { "idempotency-key": `guessable-${crypto.randomUUID()}` };
    const header = await signedHeader(payer.client, body);
    const first = await accepted(await postJson("/api/v1/enrich/jobs", body, { ...key, "payment-signature": header }));
    // The payer's own retry replays its answer…
    const again = await postJson("/api/v1/enrich/jobs", body, { ...key, "payment-signature": header });
    expect(((await accepted(again)) as Accepted).job_id).toBe(first.job_id);
    // …a stranger with the same key and body is asked to pay.
    const stranger = await postJson("/api/v1/enrich/jobs", body, key);
    expect(stranger.status).toBe(402);
    expect(await stranger.text()).not.toContain(first.poll_bearer);
  });
});

describe("the upto 402", () => {
  it("carries Permit2 terms the SDK client accepts as is", async () => {
    const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/lead-session", payload: { lead: { company: "Haney Furniture Co", city: "New Castle", state: "PA" } }, bill_up_to_usd: "1.50" });
    const required = decodePaymentRequiredHeader(res.headers.get("payment-required")!);
    expect(required.accepts).toEqual([
      expect.objectContaining({ scheme: "upto", network: "eip155:31337", amount: "1500000", maxTimeoutSeconds: 1200 }),
    ]);
    expect(required.resource.url).toBe(`${BASE}/api/v1/enrich/jobs`);
    const payload = await (await uptoPayer(2)).client.createPaymentPayload(required);
    expect((payload.payload as { permit2Authorization: { permitted: { amount: string } } }).permit2Authorization.permitted.amount).toBe("1500000");
    expect(Number((payload.payload as { permit2Authorization: { deadline: string } }).permit2Authorization.deadline)).toBeGreaterThan(Date.now() / 1000 + 1100);
  });
});
