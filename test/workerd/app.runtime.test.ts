import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { x402Client } from "@x402/core/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { describe, expect, it } from "vitest";
import { createVendors } from "@411data/vendors";
import { type Facilitator, FacilitatorUnavailable } from "@411data/x402";
import { runtime } from "../../durable-objects/runtime.ts";
import { createApp } from "../../workers/api/src/app.ts";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { BASE, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { usdcOf } from "./support/x402.ts";

// Collaborators reach handlers through the request context: an app built with
// `createApp({ runtime })` runs on the real bindings (D1, the AgentAccount object, the chain) with
// one collaborator swapped, and nothing else changes; the Worker's own app keeps the defaults.

const PHONE = "+17242060094";

/** One request through `app` on the real bindings; what it leaves for after the response (the log) is awaited. */
async function through(app: ReturnType<typeof createApp>, input: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.request(input, undefined, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("a vendor client swapped through createApp({ runtime })", () => {
  it("is the one the paid call uses: every vendor down → 503 VENDOR_UNAVAILABLE, nothing charged, the Worker's own app unaffected", async () => {
    // The production adapters (keys set, so no sandbox) over a transport where every vendor answers 503.
    const asked: string[] = [];
    const down = createVendors({
      whitepages: { apiKey: "test-key" },
      pdl: { apiKey: "test-key" },
      openai: { apiKey: "test-key" },
      fetch: async (req) => {
        asked.push(new URL(req.url).host);
        return new Response(JSON.stringify({ error: { message: "service unavailable" } }), { status: 503, headers: { "content-type": "application/json" } });
      },
    });
    const app = createApp({ runtime: { vendors: () => down } });
    const agent = await fundedAgent(1);

    const res = await through(
      app,
      new Request(`${BASE}/api/v1/enrich/phone`, { method: "POST", headers: { "content-type": "application/json", ...agent.auth }, body: JSON.stringify({ phone: PHONE }) }),
    );
    const body = (await expectEnvelope(res, 503, "VENDOR_UNAVAILABLE")) as unknown as { error: { details: { charged_usd: number; vendors: { vendor: string; outcome: string }[] } } };
    expect(body.error.details.charged_usd).toBe(0);
    expect(body.error.details.vendors.map((v) => [v.vendor, v.outcome])).toEqual([
      ["whitepages", "error"],
      ["peopledatalabs", "error"],
    ]);
    expect(asked).toContain("api.whitepages.com");
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1, held_usd: 0 });
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row).toMatchObject({ agent_id: agent.agentId, error_code: "VENDOR_UNAVAILABLE" });
    expect(row.charged_micros ?? 0).toBe(0);

    // The swap belongs to that app only: the Worker's own app still reaches the sandbox, and charges.
    const asked0 = asked.length;
    const ok = await postJson("/api/v1/enrich/phone", { phone: PHONE }, agent.auth);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { matched: boolean }).matched).toBe(true);
    expect(asked.length).toBe(asked0);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.67, held_usd: 0 });
  });
});

describe("a facilitator swapped through createApp({ runtime })", () => {
  it("is the one an x402 payment is verified with: unreachable → 502 FACILITATOR_UNAVAILABLE, no USDC moves", async () => {
    const real = runtime().facilitator(env);
    let verifies = 0;
    let settles = 0;
    const unreachable: Facilitator = {
      supported: () => real.supported(),
      verify: async () => {
        verifies++;
        throw new FacilitatorUnavailable("verify", "facilitator unreachable (swapped in by the test)");
      },
      settle: async () => {
        settles++;
        throw new Error("a payment that failed verification is never settled");
      },
    };
    const app = createApp({ runtime: { facilitator: () => unreachable } });
    const payer = await newWallet(5);
    // The SDK's own paying client, pointed at this app instead of the Worker's.
    const client = new x402Client()
      .register("eip155:*", new ExactEvmScheme(payer))
      .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: env.USDC_ADDRESS }] });
    const pay = wrapFetchWithPayment((input: RequestInfo | URL, init?: RequestInit) => through(app, new Request(input, init)), client);

    const res = await pay(`${BASE}/api/v1/enrich/phone`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phone: PHONE }) });
    await expectEnvelope(res, 502, "FACILITATOR_UNAVAILABLE");
    expect(verifies).toBe(1);
    expect(settles).toBe(0);
    expect(await usdcOf(payer.address)).toBe(5_000_000n);
    // Verification never moved money, so the authorization's lock is freed for the caller's retry.
    const locks = await env.DB.prepare("SELECT COUNT(*) AS n FROM x402_payments WHERE payer = ?").bind(payer.address.toLowerCase()).first<{ n: number }>();
    expect(locks?.n).toBe(0);
  }, 60_000);
});
