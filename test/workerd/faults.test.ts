import { env, exports } from "cloudflare:workers";
import { createExecutionContext, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { wrapFetchWithPayment } from "@x402/fetch";
import { describe, expect, it, vi } from "vitest";
import { CATALOG, type CatalogEntry, sha256Hex } from "@411data/core";
import { type Fault, FAULTS, RESERVED_NAMES, RESERVED_PHONES, RESERVED_RETRY_AFTER_SEC } from "@411data/vendors";
import { createApp } from "../../workers/api/src/app.ts";
import { mintAgent, type MintedAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

// What a caller sees when something underneath fails: a vendor, the Worker mid-call, the request
// log's database, the x402 facilitator. In every case nobody pays for work they did not get, and
// nothing is served as paid that was not paid.

const app = createApp();
/** The same Worker app on the same bindings, with some env values replaced (config is per env object). */
async function fetchWith(overrides: Partial<Env>, req: Request, base: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(req, { ...base, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const served = (e: CatalogEntry) => app.routes.some((r) => r.method === e.method && r.path === e.path);

async function agentWith(micros: number): Promise<MintedAgent> {
  const agent = await mintAgent();
  const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
  await stub.credit({ amount: micros - (await stub.balance()).available, memo: "fault suite" });
  return agent;
}

async function ledgerOf(agentId: string) {
  return runInDurableObject(env.AGENT_ACCOUNT.getByName(agentId), (_i, state) =>
    state.storage.sql.exec<{ kind: string; amount: number; ref: string | null }>("SELECT kind, amount, ref FROM ledger ORDER BY seq").toArray(),
  );
}

// ── vendor faults on every paid enrich route ───────────────────────────────────────────────────

/** A body that makes the route's vendor misbehave the given way (reserved sandbox inputs). */
const PROBES: Record<string, (fault: Fault) => Record<string, unknown>> = {
  "enrich.phone": (f) => ({ phone: RESERVED_PHONES[f] }),
  "enrich.person": (f) => ({ name: RESERVED_NAMES[f], city: "Ridgway", state_code: "PA" }),
  "enrich.websearch": (f) => ({ business_name: RESERVED_NAMES[f], city: "Dunedin", state: "FL" }),
  "enrich.lead_session": (f) => ({ lead: { company: RESERVED_NAMES[f], number1: RESERVED_PHONES[f], city: "Ridgway", state: "PA" }, max_rounds: 3 }),
};

/**
 * The lead session calls its vendors from its own Durable Object, whose env a test cannot swap for
 * one with a short adapter timeout: its `timeout` case would wait out the real deadline.
 */
const OWN_VENDOR_ENV = new Set(["enrich.lead_session"]);

const VENDOR_FAULTS = FAULTS.filter((f) => f !== "no_match");
const SYNC_PAID = CATALOG.filter(
  (e) => e.path.startsWith("/api/v1/enrich/") && (e.rule === "on_match" || e.rule === "metered_on_match") && !("offlineByDefault" in e && e.offlineByDefault),
);

/**
 * The sandbox's `timeout` fault hangs 60 s; a Worker with a short adapter timeout sees it in
 * 300 ms. The lead session calls its vendors from its own Durable Object, whose env this test
 * cannot shorten, so its timeout case would wait out the real 15 s adapter deadline.
 */
const TIMEOUT_ENV = { VENDOR_TIMEOUT_MS: "300", WEBSEARCH_TIMEOUT_MS: "300" } as unknown as Partial<Env>;

describe.each(SYNC_PAID.map((e) => [e.id, e] as const))("vendor faults on %s", (id, entry) => {
  const probe = PROBES[id];

  it("has a fault probe (add one to PROBES when a paid route is added)", () => {
    expect(probe, `no fault probe for ${id}`).toBeTypeOf("function");
  });

  it.skipIf(!served(entry)).each(VENDOR_FAULTS.filter((f) => !(f === "timeout" && OWN_VENDOR_ENV.has(id))))(
    `${entry.path} with a vendor %s: right code, Retry-After, nothing charged, logged`,
    async (fault) => {
      const agent = await agentWith(30_000_000);
      const before = await ledgerOf(agent.agentId);
      const req = new Request(`${BASE}${entry.path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...agent.auth },
        body: JSON.stringify(probe!(fault)),
      });
      const res = fault === "timeout" ? await fetchWith(TIMEOUT_ENV, req) : await exports.default.fetch(req);

      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      if (fault === "rate_limited" || fault === "unavailable") expect(res.headers.get("retry-after")).toBe(String(RESERVED_RETRY_AFTER_SEC));
      const body = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { charged_usd: number } } };
      expect(body.error.details.charged_usd).toBe(0);
      expect(body).not.toHaveProperty("data");

      expect(await env.AGENT_ACCOUNT.getByName(agent.agentId).balance()).toEqual({ available: 30_000_000, held: 0 });
      const after = await ledgerOf(agent.agentId);
      const added = after.slice(before.length);
      expect(added.filter((e) => e.kind === "capture" && e.amount !== 0)).toEqual([]);
      expect(added.reduce((s, e) => s + e.amount, 0)).toBe(0);
      const row = await storedRequest(res.headers.get("x-request-id")!);
      expect(row.charged_micros ?? 0).toBe(0);
    },
    30_000,
  );

  it.skipIf(!served(entry))(`${entry.path} paid with x402 while the vendor fails: 503, the payment is never settled`, async () => {
    const payer = await newWallet(5);
    const payee = env.PAY_TO_ADDRESS as `0x${string}`;
    const payeeBefore = await usdcOf(payee);
    const res = await paidPost(payingFetch(payer), entry.path, probe!("server_error"));
    await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE");
    expect(res.headers.get("payment-response")).toBeNull();
    expect(await usdcOf(payer.address)).toBe(5_000_000n);
    expect(await usdcOf(payee)).toBe(payeeBefore);
    const payment = await env.DB.prepare("SELECT status, tx_hash FROM x402_payments WHERE payer = ?").bind(payer.address.toLowerCase()).first();
    expect(payment).toMatchObject({ status: "unsettled", tx_hash: null });
  }, 30_000);
});

// Async jobs bill up to a ceiling and run on the queue: a vendor fault there ends the job failed
// and refunds the whole hold.
const JOBS = CATALOG.find((e) => e.id === "enrich.jobs")!;

describe("vendor faults on async jobs", () => {
  it.skipIf(!served(JOBS))("a websearch job whose vendor fails ends failed with VENDOR_UNAVAILABLE, and the hold comes back in full", async () => {
    const agent = await agentWith(10_000_000);
    const submit = await postJson(JOBS.path, { route: "enrich/websearch", payload: PROBES["enrich.websearch"]!("server_error"), bill_up_to_usd: "2.00" }, agent.auth);
    expect(submit.status).toBe(202);
    const job = (await submit.json()) as { job_id: string; poll_bearer: string };
    const view = await vi.waitUntil(
      async () => {
        const res = await call(`${JOBS.path}/${job.job_id}`, { headers: { authorization: `Bearer ${job.poll_bearer}` } });
        const body = (await res.json()) as { status: string; error: { code: string } | null; result: unknown };
        return body.status === "failed" || body.status === "completed" ? body : false;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(view.status).toBe("failed");
    expect(view.error?.code).toBe("VENDOR_UNAVAILABLE");
    await vi.waitUntil(async () => (await env.AGENT_ACCOUNT.getByName(agent.agentId).balance()).held === 0, { timeout: 10_000, interval: 50 });
    expect(await env.AGENT_ACCOUNT.getByName(agent.agentId).balance()).toEqual({ available: 10_000_000, held: 0 });
  }, 40_000);
});

// ── a Worker that dies between hold and capture ────────────────────────────────────────────────

describe("a paid call whose Worker dies between hold and capture", () => {
  // agent-account.do.test.ts checks the expiry arithmetic on a bare object; this is the same crash
  // as a paid route would leave it: a hold taken through the paid-call RPC with the agent's real
  // bearer, and then nothing — no capture, no release.
  it("the hold is scheduled to expire by itself, and the alarm returns it; a late capture is refused", async () => {
    const agent = await agentWith(1_000_000);
    const stub = env.AGENT_ACCOUNT.getByName(agent.agentId);
    const held = await stub.authorizeAndHold({
      tokenHash: await sha256Hex(agent.token),
      kind: "agent",
      routeId: "enrich.phone",
      amount: 330_000,
      ttlSec: Number(env.HOLD_TTL_SEC),
      ref: "req_crashedworker0000000001",
      quota: { limit: 600, windowSec: 60 },
    });
    if (!held.ok) throw new Error(`hold refused: ${held.code}`);

    // What the agent sees while the call is "running": the price is held, not spent.
    expect(await (await call("/api/v1/agents/balance", { headers: agent.auth })).json()).toMatchObject({ virtual_balance_usd: 0.67, held_usd: 0.33 });
    const alarm = await runInDurableObject(stub, (_i, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(Date.now() + Number(env.HOLD_TTL_SEC) * 1000 + 1_000);

    // Time passes past the hold's expiry (moved forward rather than waited for).
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("UPDATE holds SET expires_at = ? WHERE id = ?", Date.now() - 1, held.hold.holdId);
      return state.storage.setAlarm(Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    expect(await (await call("/api/v1/agents/balance", { headers: agent.auth })).json()).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    expect(await stub.capture({ holdId: held.hold.holdId, amount: 330_000 })).toMatchObject({ ok: false });
    const mirrored = await vi.waitUntil(
      async () => {
        const { results } = await env.DB.prepare("SELECT kind, amount FROM ledger_entries WHERE agent_id = ? AND hold_id = ? ORDER BY seq")
          .bind(agent.agentId, held.hold.holdId)
          .all<{ kind: string; amount: number }>();
        return results.length === 2 ? results : false;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(mirrored).toEqual([
      { kind: "hold", amount: -330_000 },
      { kind: "release", amount: 330_000 },
    ]);
  });
});

// ── the request log's database failing ────────────────────────────────────────────────────────

describe("a D1 failure while writing the request log", () => {
  // request-log.test.ts checks storeRequestLogs on its own; here the failure happens inside a real
  // paid call, so the row that goes missing would be the record of a charge.
  it("the row of a charged call is queued, retried by the consumer and lands with its charge", async () => {
    const agent = await agentWith(1_000_000);
    let refused = 0;
    const flakyDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") {
          return (sql: string) => {
            if (/INTO requests\b/i.test(sql)) {
              refused++;
              throw new Error("D1_ERROR: database is locked (fault suite)");
            }
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const res = await fetchWith(
      { DB: flakyDb },
      new Request(`${BASE}/api/v1/enrich/phone`, {
        method: "POST",
        headers: { "content-type": "application/json", ...agent.auth },
        body: JSON.stringify({ phone: "+17242060094" }),
      }),
    );
    expect(res.status).toBe(200);
    expect(refused).toBe(1);
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ status: 200, agent_id: agent.agentId, route: "/api/v1/enrich/phone", charged_micros: 330_000 });
  });
});

// ── the x402 facilitator unreachable ──────────────────────────────────────────────────────────

describe("the facilitator is down", () => {
  it("an x402-paid call answers 502 FACILITATOR_UNAVAILABLE with no result, and nothing settles", async () => {
    const payer = await newWallet(5);
    const payee = env.PAY_TO_ADDRESS as `0x${string}`;
    const payeeBefore = await usdcOf(payee);
    // The facilitator is built per env object, so this env's one talks to a port nobody listens on.
    const down = { CHAIN_RPC_URL: "http://127.0.0.1:9" } as Partial<Env>;
    const client = payingFetch(payer).client;
    const pay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => fetchWith(down, new Request(input, init)), client);

    const res = await pay(`${BASE}/api/v1/enrich/phone`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "+17242060094" }),
    });
    const body = (await expectEnvelope(res, 502, "FACILITATOR_UNAVAILABLE")) as unknown as Record<string, unknown>;
    expect(body).not.toHaveProperty("data");
    expect(body).not.toHaveProperty("billing");
    expect(res.headers.get("payment-response")).toBeNull();
    expect(await usdcOf(payer.address)).toBe(5_000_000n);
    expect(await usdcOf(payee)).toBe(payeeBefore);
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ status: 502, error_code: "FACILITATOR_UNAVAILABLE" });
    expect(row.charged_micros ?? 0).toBe(0);
    expect(row.response_body).not.toContain("people");
  }, 60_000);

  // The lock on (payer, nonce) is taken before the facilitator is asked; when it cannot be asked,
  // the lock is released, so the same signed authorization still pays once the facilitator is back.
  it("once it is back, the very payment that was refused goes through and settles exactly once", async () => {
    const payer = await newWallet(5);
    const down = { CHAIN_RPC_URL: "http://127.0.0.1:9" } as Partial<Env>;
    let signed: string | null = null;
    const downPay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      signed ??= req.headers.get("payment-signature");
      return fetchWith(down, req);
    }, payingFetch(payer).client);
    const body = { phone: "+17242060094" };
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    expect((await downPay(`${BASE}/api/v1/enrich/phone`, init)).status).toBe(502);
    expect(signed).toBeTruthy();

    const res = await postJson("/api/v1/enrich/phone", body, { "payment-signature": signed! });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { billing: { charged_usd: number } }).billing.charged_usd).toBe(0.33);
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
    await expectEnvelope(await postJson("/api/v1/enrich/phone", body, { "payment-signature": signed! }), 402, "PAYMENT_INVALID");
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
  }, 60_000);
});
