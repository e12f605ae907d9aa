import { env } from "cloudflare:workers";
import { FacilitatorUnavailable, type Facilitator } from "@411data/x402";
import { afterEach, describe, expect, it } from "vitest";
import { runtime, useRuntime } from "../../durable-objects/runtime.ts";
import { reconcile, STALE_LOCK_MS } from "../../workers/api/src/scheduled/reconcile.ts";
import { uptoSignersOf } from "../../workers/api/src/services/billing/payment-config.ts";
import { BILLING_LEASE_SEC, DEADLINE_CHECK_MARGIN_SEC, SETTLE_WINDOW_SEC } from "../../workers/api/src/services/jobs/job.ts";
import { expectEnvelope } from "./support/http.ts";
import { uptoPayer } from "./support/upto.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

// Settlement across the Settler Durable Object: what a facilitator fault mid-settlement looks like to
// the caller, and the timers around an upto permit.

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

/** The real facilitator, except that its settlement loses the chain after broadcasting (the transfer lands). */
function lostAfterBroadcast(): { sent: () => string | null } {
  const before = runtime();
  let sent: string | null = null;
  restore = useRuntime({
    facilitator: (e): Facilitator => {
      const real = before.facilitator(e);
      return {
        verify: (p, r) => real.verify(p, r),
        supported: () => real.supported(),
        settle: async (p, r) => {
          const done = await real.settle(p, r);
          sent = done.transaction;
          throw new FacilitatorUnavailable("settle", "local facilitator lost the chain during settle (fault injection)", { transaction: done.transaction });
        },
      };
    },
  });
  return { sent: () => sent };
}

describe("the facilitator fails mid-settlement, inside the Settler object", () => {
  it("the caller gets 502 FACILITATOR_UNAVAILABLE, indeterminate, naming the transaction; no result; the reconciler records it", async () => {
    const fault = lostAfterBroadcast();
    const payer = await newWallet(5);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/phone", { phone: "+17242060094" });
    const body = (await expectEnvelope(res, 502, "FACILITATOR_UNAVAILABLE")) as unknown as { error: { details: Record<string, unknown> } };
    expect(fault.sent()).toMatch(/^0x[0-9a-f]{64}$/);
    expect(body.error.details).toMatchObject({ operation: "settle", indeterminate: true, transaction: fault.sent() });
    expect(JSON.stringify(body)).not.toContain("people");
    // The transfer did land: the reconciler finds it and records it.
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
    restore!();
    restore = null;
    await reconcile(env, Date.now() + STALE_LOCK_MS + 60_000);
    const lock = await env.DB.prepare("SELECT status, tx_hash FROM x402_payments WHERE payer = ?").bind(payer.address.toLowerCase()).first();
    expect(lock).toEqual({ status: "settled", tx_hash: fault.sent() });
  }, 60_000);
});

describe("upto signers", () => {
  it("every signer a facilitator advertises is accepted, not only the one its last /supported named", () => {
    const a = "0x1111111111111111111111111111111111111111";
    const b = "0x2222222222222222222222222222222222222222";
    const supported = {
      kinds: [{ x402Version: 2, scheme: "upto", network: "eip155:8453", extra: { facilitatorAddress: b } }],
      extensions: [],
      signers: { "eip155:*": [a, b] },
    };
    const signers = uptoSignersOf(supported as never, "eip155:8453");
    expect(signers.offered).toBe(b);
    expect(new Set(signers.all)).toEqual(new Set([a, b]));
  });
});

describe("upto timers leave every permit settleable", () => {
  it("a job's deadline leaves room for the deadline check and its settlement before the permit expires", async () => {
    expect(DEADLINE_CHECK_MARGIN_SEC).toBeGreaterThan(BILLING_LEASE_SEC);
    const payer = await uptoPayer(5);
    const res = await payer.submit({ route: "enrich/websearch", payload: { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" }, bill_up_to_usd: 1 });
    expect(res.status).toBe(202);
    const { job_id } = (await res.json()) as { job_id: string };
    const job = await env.DB.prepare("SELECT deadline_at, x402_payload FROM enrich_jobs WHERE id = ?").bind(job_id).first<{ deadline_at: number; x402_payload: string }>();
    const permitDeadline = Number((JSON.parse(job!.x402_payload) as { payload: { permit2Authorization: { deadline: string } } }).payload.permit2Authorization.deadline);
    // A true-up that dies mid-way is resumed by the deadline check; it must still settle in time.
    expect(job!.deadline_at + (DEADLINE_CHECK_MARGIN_SEC + SETTLE_WINDOW_SEC) * 1000).toBeLessThanOrEqual(permitDeadline * 1000);
  }, 60_000);
});
