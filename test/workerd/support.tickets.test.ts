import { describe, expect, it } from "vitest";
import { balanceOf, mintAgent, type MintedAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";

const TICKETS = "/api/v1/support/tickets";
const OPERATOR = { "x-operator-secret": "test-operator-secret" };
const replyPath = (id: string) => `/api/v1/operator/tickets/${id}/reply`;
const confirmPath = (id: string) => `/api/v1/operator/tickets/${id}/confirm-bug`;

interface TicketDetail {
  ticket_id: string;
  status: string;
  category: string;
  subject: string;
  body: string;
  created_at: string;
  reply: string | null;
  replied_at: string | null;
  credit_usd: number | null;
  credited_at: string | null;
}

async function open(auth: Record<string, string>, category: string, subject: string): Promise<string> {
  const res = await postJson(TICKETS, { category, subject, body: `details of ${subject}` }, auth);
  if (res.status !== 200) throw new Error(`ticket ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { ticket_id: string }).ticket_id;
}

async function read(auth: Record<string, string>, id: string): Promise<TicketDetail> {
  const res = await call(`${TICKETS}/${id}`, { headers: auth });
  if (res.status !== 200) throw new Error(`read ${res.status}: ${await res.text()}`);
  return (await res.json()) as TicketDetail;
}

async function list(auth: Record<string, string>, query = ""): Promise<{ tickets: TicketDetail[]; next_cursor: string | null }> {
  const res = await call(`${TICKETS}${query}`, { headers: auth });
  if (res.status !== 200) throw new Error(`list ${res.status}: ${await res.text()}`);
  return (await res.json()) as { tickets: TicketDetail[]; next_cursor: string | null };
}

async function usageKey(agent: MintedAgent): Promise<Record<string, string>> {
  const res = await postJson("/api/v1/agents/usage-keys", { name: "worker", spend_cap_usd: "0.05" }, agent.auth);
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${((await res.json()) as { key: string }).key}` };
}

describe("reading support tickets", () => {
  it("a new ticket reads back open, with no reply and no credit, for free", async () => {
    const agent = await mintAgent();
    const id = await open(agent.auth, "billing", "charged twice?");
    const before = await balanceOf(agent.auth);
    expect(await read(agent.auth, id)).toEqual({
      ticket_id: id,
      status: "open",
      category: "billing",
      subject: "charged twice?",
      body: "details of charged twice?",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reply: null,
      replied_at: null,
      credit_usd: null,
      credited_at: null,
    });
    expect((await list(agent.auth)).tickets.map((t) => t.ticket_id)).toEqual([id]);
    expect(await balanceOf(agent.auth)).toEqual(before);
  });

  it("the operator's reply (and close) shows on the ticket", async () => {
    const agent = await mintAgent();
    const id = await open(agent.auth, "account", "rotate lost my key");
    const res = await postJson(replyPath(id), { reply: "Recover it with POST /api/v1/agents/wallet-recover/challenge.", close: true }, OPERATOR);
    expect(res.status).toBe(200);
    const seen = await read(agent.auth, id);
    expect(seen).toMatchObject({ status: "closed", reply: "Recover it with POST /api/v1/agents/wallet-recover/challenge.", credit_usd: null });
    expect(Date.parse(seen.replied_at!)).not.toBeNaN();
    expect(await res.json()).toEqual(seen);
  });

  it("a reply without close keeps the ticket open; a later reply replaces it", async () => {
    const agent = await mintAgent();
    const id = await open(agent.auth, "other", "question");
    await postJson(replyPath(id), { reply: "looking into it" }, OPERATOR);
    expect(await read(agent.auth, id)).toMatchObject({ status: "open", reply: "looking into it" });
    await postJson(replyPath(id), { reply: "fixed in the next deploy" }, OPERATOR);
    expect(await read(agent.auth, id)).toMatchObject({ status: "open", reply: "fixed in the next deploy" });
  });

  it("a confirmed bug shows its status and the $1.00 credit it earned; answering it keeps the status", async () => {
    const agent = await mintAgent();
    const id = await open(agent.auth, "bug", "websearch lists a closed office");
    expect((await postJson(confirmPath(id), {}, OPERATOR)).status).toBe(200);
    await postJson(replyPath(id), { reply: "confirmed, thank you", close: true }, OPERATOR);
    const seen = await read(agent.auth, id);
    expect(seen).toMatchObject({ status: "confirmed", credit_usd: 1, reply: "confirmed, thank you" });
    expect(Date.parse(seen.credited_at!)).not.toBeNaN();
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1.19 });
  });

  it("lists newest first, one page at a time; an edited cursor is a 400", async () => {
    const agent = await mintAgent();
    const ids = [await open(agent.auth, "other", "one"), await open(agent.auth, "other", "two"), await open(agent.auth, "other", "three")];
    const first = await list(agent.auth, "?limit=2");
    expect(first.tickets.map((t) => t.subject)).toEqual(["three", "two"]);
    expect(first.next_cursor).not.toBeNull();
    const second = await list(agent.auth, `?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.tickets.map((t) => t.ticket_id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
    await expectEnvelope(await call(`${TICKETS}?cursor=${btoa("[1,2]")}`, { headers: agent.auth }), 400, "VALIDATION_FAILED");
    await expectEnvelope(await call(`${TICKETS}?limit=0`, { headers: agent.auth }), 400, "VALIDATION_FAILED");
  });

  it("another agent's ticket is a 404, and not in its list", async () => {
    const owner = await mintAgent();
    const other = await mintAgent();
    const id = await open(owner.auth, "bug", "mine");
    await expectEnvelope(await call(`${TICKETS}/${id}`, { headers: other.auth }), 404, "NOT_FOUND");
    expect((await list(other.auth)).tickets).toEqual([]);
  });

  it("a usage key reads the tickets it opened; the agent reads all of them", async () => {
    const agent = await mintAgent();
    const key = await usageKey(agent);
    const byAgent = await open(agent.auth, "other", "from the agent");
    const byKey = await open(key, "other", "from the key");
    expect((await list(key)).tickets.map((t) => t.ticket_id)).toEqual([byKey]);
    await expectEnvelope(await call(`${TICKETS}/${byAgent}`, { headers: key }), 404, "NOT_FOUND");
    expect((await list(agent.auth)).tickets.map((t) => t.ticket_id).sort()).toEqual([byAgent, byKey].sort());
  });

  it("needs a bearer, and a ticket id of the right shape", async () => {
    await expectEnvelope(await call(TICKETS), 401, "UNAUTHORIZED");
    await expectEnvelope(await call(`${TICKETS}/tk_00000000000000000000`), 401, "UNAUTHORIZED");
    const agent = await mintAgent();
    await expectEnvelope(await call(`${TICKETS}/not-a-ticket`, { headers: agent.auth }), 400, "VALIDATION_FAILED");
    await expectEnvelope(await call(`${TICKETS}/tk_00000000000000000000`, { headers: agent.auth }), 404, "NOT_FOUND");
  });
});

describe("operator: answer a ticket", () => {
  it("refuses a missing secret (401), an empty reply (400) and an unknown ticket (404); the ticket is unchanged", async () => {
    const agent = await mintAgent();
    const id = await open(agent.auth, "other", "hello");
    await expectEnvelope(await postJson(replyPath(id), { reply: "hi" }), 401, "UNAUTHORIZED");
    await expectEnvelope(await postJson(replyPath(id), { reply: "hi" }, agent.auth), 401, "UNAUTHORIZED");
    await expectEnvelope(await postJson(replyPath(id), { reply: "   " }, OPERATOR), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson(replyPath(id), { reply: "hi", close: "yes" }, OPERATOR), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson(replyPath("tk_00000000000000000000"), { reply: "hi" }, OPERATOR), 404, "NOT_FOUND");
    expect(await read(agent.auth, id)).toMatchObject({ status: "open", reply: null, replied_at: null });
  });

  it("is not in the public OpenAPI document", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.includes("/operator/"))).toEqual([]);
    expect(doc.paths[TICKETS]).toHaveProperty("get");
    expect(doc.paths[`${TICKETS}/{ticket_id}`]).toHaveProperty("get");
  });
});
