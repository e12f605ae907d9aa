import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { LeadEnrichmentV1 } from "@411data/lead-session";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { expectEnvelope, postJson } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

// A lead session's graph is sold once: an anonymous session continues only for the wallet that
// paid it, a session with an unpaid turn takes no further turn, and a job's session id is random.

const HANEY = { contact_id: 81555753, company: "Haney Furniture Co", street: "30 N Beaver St", city: "New Castle", state: "PA", zip: "16101", number1: "7246547732" };
type Result = LeadEnrichmentV1 & { billing: { charged_usd: number } };

describe("anonymous sessions are bound to their payer", () => {
  it("another wallet's follow-up is a 404 and settles nothing; the payer's own follow-up runs", async () => {
    const payer = await newWallet(5);
    const first = (await (await paidPost(payingFetch(payer), "/api/v1/enrich/lead-session", { lead: HANEY, mode: "interactive", max_rounds: 1 })).json()) as Result;
    expect(first.billing.charged_usd).toBe(1.5);

    const stranger = await newWallet(5);
    const res = await paidPost(payingFetch(stranger), "/api/v1/enrich/lead-session", { session_id: first.session_id, prompt: "Who else works there?", budget_usd: 3 });
    await expectEnvelope(res, 404, "NOT_FOUND");
    expect(await usdcOf(stranger.address)).toBe(5_000_000n);

    const own = await paidPost(payingFetch(payer), "/api/v1/enrich/lead-session", { session_id: first.session_id, prompt: "Who else works there?", max_rounds: 1, budget_usd: 3 });
    expect(own.status).toBe(200);
  });
});

describe("a session with an unpaid turn", () => {
  it("refuses further turns (409) before any hold, so its graph is never served to a later paid turn", async () => {
    const agent = await fundedAgent(10);
    const first = (await (await postJson("/api/v1/enrich/lead-session", { lead: HANEY, mode: "interactive", max_rounds: 1, budget_usd: 5 }, agent.auth)).json()) as Result;
    // What a refused settlement or a lost hold reports to the session: nothing was collected.
    await env.LEAD_SESSION.getByName(first.session_id).reconcile({ due: 1_500_000, captured: 0 });
    const before = await balanceOf(agent.auth);

    const res = await postJson("/api/v1/enrich/lead-session", { session_id: first.session_id, prompt: "more" }, agent.auth);
    const body = await expectEnvelope(res, 409, "CONFLICT");
    expect(JSON.stringify(body)).not.toContain("graph");
    expect(await balanceOf(agent.auth)).toEqual(before);
  });
});
