import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../workers/api/src/app.ts";
import { balanceOf, mintAgent } from "./support/agents.ts";
import { BASE, call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

const TICKETS = "/api/v1/support/tickets";
const OPERATOR = { "x-operator-secret": "test-operator-secret" };
const confirmPath = (id: string) => `/api/v1/operator/tickets/${id}/confirm-bug`;
const adjustPath = (id: string) => `/api/v1/operator/agents/${id}/adjust`;

const bug = { category: "bug", subject: "websearch lists a closed office", body: "req_abc returned an address that closed in 2019" };

interface Ticket {
  ticket_id: string;
  status: string;
  category: string;
  created_at: string;
  billing: { price_usd: number; charged_usd: number; balance_after_usd: number | null; mode: string };
}

async function openTicket(auth: Record<string, string>, body: Record<string, unknown> = bug): Promise<Ticket> {
  const res = await postJson(TICKETS, body, auth);
  if (res.status !== 200) throw new Error(`ticket ${res.status}: ${await res.text()}`);
  return (await res.json()) as Ticket;
}

describe("POST /api/v1/support/tickets", () => {
  it("opens a ticket for exactly $0.010 of the balance, logged as charged", async () => {
    const agent = await mintAgent();
    const res = await postJson(TICKETS, bug, agent.auth);
    expect(res.status).toBe(200);
    const ticket = (await res.json()) as Ticket;
    expect(ticket).toMatchObject({ status: "open", category: "bug" });
    expect(ticket.ticket_id).toMatch(/^tk_[0-9A-Za-z]{20}$/);
    expect(Date.parse(ticket.created_at)).not.toBeNaN();
    expect(ticket.billing).toMatchObject({ price_usd: 0.01, charged_usd: 0.01, balance_after_usd: 0.19, mode: "virtual_balance" });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.19, held_usd: 0 });

    const row = await env.DB.prepare("SELECT agent_id, category, subject, status FROM support_tickets WHERE id = ?").bind(ticket.ticket_id).first();
    expect(row).toMatchObject({ agent_id: agent.agentId, category: "bug", subject: bug.subject, status: "open" });
    const logged = await storedRequest(res.headers.get("x-request-id")!);
    expect(logged).toMatchObject({ price_micros: 10_000, charged_micros: 10_000, agent_id: agent.agentId });
  });

  it.each([
    ["an unknown category", { ...bug, category: "feature" }],
    ["no category", { subject: "x", body: "y" }],
    ["an empty subject", { ...bug, subject: "  " }],
    ["a subject over 200 chars", { ...bug, subject: "s".repeat(201) }],
    ["an empty body", { ...bug, body: "" }],
    ["a body over 10000 chars", { ...bug, body: "b".repeat(10_001) }],
  ])("%s is a free 400", async (_name, body) => {
    const agent = await mintAgent();
    await expectEnvelope(await postJson(TICKETS, body, agent.auth), 400, "VALIDATION_FAILED");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
  });

  it("without a bearer is a 402 for $0.010, and payable anonymously with x402", async () => {
    const res = await postJson(TICKETS, bug);
    const body = (await expectEnvelope(res, 402, "AGENT_TOKEN_REQUIRED")) as unknown as { accepts: { amount: string }[] };
    expect(body.accepts[0]!.amount).toBe("10000");

    const payer = await newWallet(1);
    const paid = await paidPost(payingFetch(payer), TICKETS, bug);
    expect(paid.status).toBe(200);
    const ticket = (await paid.json()) as Ticket;
    expect(ticket.billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.01 });
    expect(await usdcOf(payer.address)).toBe(990_000n);
    // Nobody to credit: an operator cannot confirm an anonymous ticket into money.
    await expectEnvelope(await postJson(confirmPath(ticket.ticket_id), {}, OPERATOR), 409, "CONFLICT");
  });
});

describe("operator: confirm a bug", () => {
  it("credits the ticket's agent $1.00 once; a second confirm is a 409 and credits nothing", async () => {
    const agent = await mintAgent();
    const ticket = await openTicket(agent.auth);
    const res = await postJson(confirmPath(ticket.ticket_id), {}, OPERATOR);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ticket_id: ticket.ticket_id,
      status: "confirmed",
      agent_id: agent.agentId,
      credited_usd: 1,
      virtual_balance_usd: 1.19,
    });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1.19 });

    const again = await expectEnvelope(await postJson(confirmPath(ticket.ticket_id), {}, OPERATOR), 409, "CONFLICT");
    expect(again.error.message).toMatch(/already confirmed/);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1.19 });
  });

  it("concurrent confirms credit once", async () => {
    const agent = await mintAgent();
    const ticket = await openTicket(agent.auth);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postJson(confirmPath(ticket.ticket_id), {}, OPERATOR)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1.19 });
  });

  it("refuses tickets that are not bugs (409) and unknown tickets (404)", async () => {
    const agent = await mintAgent();
    const ticket = await openTicket(agent.auth, { ...bug, category: "billing" });
    await expectEnvelope(await postJson(confirmPath(ticket.ticket_id), {}, OPERATOR), 409, "CONFLICT");
    await expectEnvelope(await postJson(confirmPath("tk_00000000000000000000"), {}, OPERATOR), 404, "NOT_FOUND");
    await expectEnvelope(await postJson(confirmPath("not-a-ticket"), {}, OPERATOR), 400, "VALIDATION_FAILED");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.19 });
  });

  it.each([
    ["missing", {}],
    ["wrong", { "x-operator-secret": "test-operator-secreT" }],
    ["a prefix", { "x-operator-secret": "test-operator" }],
    ["an agent bearer instead", "agent"],
  ])("a %s operator secret is a 401 and credits nothing", async (_name, headers) => {
    const agent = await mintAgent();
    const ticket = await openTicket(agent.auth);
    const auth = headers === "agent" ? agent.auth : (headers as Record<string, string>);
    await expectEnvelope(await postJson(confirmPath(ticket.ticket_id), {}, auth), 401, "UNAUTHORIZED");
    await expectEnvelope(await postJson(adjustPath(agent.agentId), { amount_usd: 5, memo: "x" }, auth), 401, "UNAUTHORIZED");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.19 });
  });

  it("with no OPERATOR_SECRET configured the routes are off: 503 OPERATOR_NOT_CONFIGURED", async () => {
    const app = createApp();
    const { OPERATOR_SECRET: _unset, ...bare } = env;
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${BASE}${confirmPath("tk_00000000000000000000")}`, { method: "POST", headers: { ...OPERATOR, "content-type": "application/json" }, body: "{}" }),
      bare,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    await expectEnvelope(res, 503, "OPERATOR_NOT_CONFIGURED");
  });
});

describe("operator: adjust a balance", () => {
  it("credits and debits as ledger entries; a debit never goes below zero", async () => {
    const agent = await mintAgent();
    const credit = await postJson(adjustPath(agent.agentId), { amount_usd: "2.5", memo: "goodwill for outage" }, OPERATOR);
    expect(await credit.json()).toMatchObject({ agent_id: agent.agentId, direction: "credit", amount_usd: 2.5, virtual_balance_usd: 2.7 });

    const debit = await postJson(adjustPath(agent.agentId), { amount_usd: 0.7, direction: "debit", memo: "duplicate credit" }, OPERATOR);
    expect(await debit.json()).toMatchObject({ direction: "debit", amount_usd: 0.7, virtual_balance_usd: 2 });

    const over = await postJson(adjustPath(agent.agentId), { amount_usd: 3, direction: "debit", memo: "too much" }, OPERATOR);
    await expectEnvelope(over, 409, "CONFLICT");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 2, held_usd: 0 });
  });

  it("refuses unknown agents and bad bodies", async () => {
    await expectEnvelope(await postJson(adjustPath("agt_00000000000000000000"), { amount_usd: 1, memo: "x" }, OPERATOR), 404, "NOT_FOUND");
    const agent = await mintAgent();
    for (const body of [{ amount_usd: 0, memo: "x" }, { amount_usd: 1 }, { amount_usd: 1, memo: "x", direction: "steal" }, { amount_usd: -1, memo: "x" }]) {
      await expectEnvelope(await postJson(adjustPath(agent.agentId), body, OPERATOR), 400, "VALIDATION_FAILED");
    }
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2 });
  });
});

describe("OpenAPI", () => {
  it("documents deposits and tickets, and hides the operator routes", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, { post?: { "x-payment-info"?: { offers: { amount: string | null }[] }; responses: Record<string, unknown> } }>;
    };
    const paths = Object.keys(doc.paths);
    expect(doc.paths[TICKETS]?.post?.["x-payment-info"]).toMatchObject({ offers: [expect.objectContaining({ amount: "10000" })], billing: "fixed" });
    expect(doc.paths[TICKETS]?.post?.responses).toHaveProperty("402");
    expect(doc.paths["/api/v1/agents/deposits"]?.post?.["x-payment-info"]).toMatchObject({ offers: [expect.objectContaining({ amount: null })], billing: "amount" });
    expect(paths.filter((p) => p.includes("operator"))).toEqual([]);
  });
});
