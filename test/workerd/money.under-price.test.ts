import { describe, expect, it } from "vitest";
import type { LeadEnrichmentV1 } from "@411data/lead-session";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { expectEnvelope, postJson } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

// No path sells a result below the list price of the route that produced it, and a re-run that adds
// nothing costs nothing. Each door is tried: sync on the balance, sync by x402 exact, async jobs on
// the balance and anonymously (where the 402 would offer x402 upto).

const MANNO = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };
const BASE_USD = 1.5;

type Result = LeadEnrichmentV1 & { billing: { charged_usd: number; matched: boolean; mode: string; x402_transaction: string | null } };

describe("a lead session is never sold below its $1.50 base", () => {
  it("a job ceiling under the base is a free 400 on the balance and anonymously (never a 402 to pay it)", async () => {
    const agent = await fundedAgent(2);
    for (const bill_up_to_usd of [0.05, 0.14, 0.3]) {
      const body = { route: "enrich/lead-session", payload: { lead: MANNO }, bill_up_to_usd };
      await expectEnvelope(await postJson("/api/v1/enrich/jobs", body, agent.auth), 400, "VALIDATION_FAILED");
      await expectEnvelope(await postJson("/api/v1/enrich/jobs", body), 400, "VALIDATION_FAILED");
    }
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 2, held_usd: 0 });
  });

  it("a sync budget under the base is a free 400; a matched session on the balance is charged at least the base", async () => {
    const agent = await fundedAgent(5);
    await expectEnvelope(await postJson("/api/v1/enrich/lead-session", { lead: MANNO, budget_usd: 0.14 }, agent.auth), 400, "VALIDATION_FAILED");
    const res = await postJson("/api/v1/enrich/lead-session", { lead: MANNO, max_rounds: 1 }, agent.auth);
    const body = (await res.json()) as Result;
    expect(body.matched).toBe(true);
    expect(body.billing.charged_usd).toBeGreaterThanOrEqual(BASE_USD);
  });

  it("paid by x402 exact, a matched session settles exactly the base", async () => {
    const payer = await newWallet(5);
    const res = await paidPost(payingFetch(payer), "/api/v1/enrich/lead-session", { lead: MANNO, max_rounds: 1 });
    const body = (await res.json()) as Result;
    expect(body.billing).toMatchObject({ mode: "x402_exact", charged_usd: BASE_USD });
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 1_500_000n);
  });
});

describe("a warm re-run that adds nothing", () => {
  it("costs nothing: same agent, same lead, nothing left to look up", async () => {
    const agent = await fundedAgent(10);
    const first = (await (await postJson("/api/v1/enrich/lead-session", { lead: MANNO, max_rounds: 10 }, agent.auth)).json()) as Result;
    expect(first.billing.charged_usd).toBeGreaterThanOrEqual(BASE_USD);
    const after = (await balanceOf(agent.auth)).virtual_balance_usd;

    const again = (await (await postJson("/api/v1/enrich/lead-session", { lead: MANNO, max_rounds: 10 }, agent.auth)).json()) as Result;
    expect(again.warm_seeded).toBe(true);
    expect(again.rounds_used).toBe(0);
    // The graph comes back (it was paid for), billed as nothing new.
    expect(again.graph.contacts.length).toBe(first.graph.contacts.length);
    expect(again.billing).toMatchObject({ charged_usd: 0, matched: false });
    expect(again.cost.charge_usd).toBe(0);
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBe(after);
  });
});
