// Every client method against the real Worker (wrangler dev) and the local chain.
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { lookupPopulation } from "../../vendors/src/dataset/population.ts";
import { Client, mint } from "../src/index.ts";
import { chain, fundedAgent, localUsdc, newWallet, product, rejection, SEED_PHONE, usdcOf } from "./support.ts";

const LEAD = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };

describe("identity", () => {
  it("mint signs SIWE and the budget commitment; the bearer is used at once; a re-mint returns no bearer", async () => {
    const wallet = await newWallet();
    const client = new Client({ baseUrl: product().base });
    const minted = await client.mint({ privateKey: wallet.key, allowanceUsd: "12.5" });
    expect(minted.token).toMatch(/^411_/);
    expect(minted.allowance_usd).toBe(12.5);
    expect(client.token).toBe(minted.token);
    const me = await client.me();
    expect(me).toMatchObject({ agent_id: minted.agent_id, key_kind: "agent", allowance_usd: 12.5 });
    expect(me.wallets.map((w) => w.toLowerCase())).toContain(wallet.account.address.toLowerCase());
    expect((await client.balance()).virtual_balance_usd).toBe(0.2);
    const again = await new Client({ baseUrl: product().base }).mint({ account: wallet.account });
    expect(again).toMatchObject({ agent_id: minted.agent_id, token: null });
  });

  it("auth.restore confirms the bearer; auth.rotate switches to the new one and the old one stops", async () => {
    const { client, minted } = await fundedAgent("0");
    expect(await client.auth.restore()).toMatchObject({ agent_id: minted.agent_id });
    const old = client.token!;
    const rotated = await client.auth.rotate();
    expect(rotated.token).not.toBe(old);
    expect(client.token).toBe(rotated.token);
    expect((await client.me()).agent_id).toBe(minted.agent_id);
    const stale = await rejection(new Client({ baseUrl: product().base, token: old }).me());
    expect(stale.status).toBe(401);
    expect(stale.code).toMatch(/^TOKEN_/);
  });

  it("mint() alone returns the agent and its bearer", async () => {
    const wallet = await newWallet();
    const minted = await mint({ baseUrl: product().base, privateKey: wallet.key });
    expect(minted).toMatchObject({ agent_id: expect.stringMatching(/^agt_/), token: expect.stringMatching(/^411_/), allowance_usd: null });
  });

  it("wallet recovery: SIWE challenge from the lookup history, the right answers and the $1.00 fee paid by x402 replace the bearer", async () => {
    const { client, wallet, minted } = await fundedAgent("5");
    // Recovery asks about lookups only the owner could know: values of the vendors' population (the
    // documented examples are public, so they never count), three of them at least.
    const phones = lookupPopulation().phones.slice(0, 3);
    for (const phone of phones) await client.enrich.phone({ phone });
    const nonce = await client.wallet.nonce({ address: wallet.account.address, purpose: "recover" });
    const challenge = await client.wallet.recoverChallenge({ siwe_message: nonce.siwe_message, siwe_signature: await wallet.account.signMessage({ message: nonce.siwe_message }) });
    expect(challenge.questions).toHaveLength(3);
    const answers = challenge.questions.map((q) => q.options.findIndex((o) => phones.includes(o)));
    expect(answers.every((a) => a >= 0)).toBe(true);
    const payer = new Client({ baseUrl: product().base, x402: { account: wallet.account, assets: localUsdc() } });
    const recovered = await payer.wallet.recoverComplete({ challenge_id: challenge.challenge_id, answers });
    expect(recovered).toMatchObject({ agent_id: minted.agent_id, token: expect.stringMatching(/^411_/) });
    expect(recovered.billing.x402_transaction).toMatch(/^0x/);
    expect((await rejection(client.me())).status).toBe(401);
    expect((await new Client({ baseUrl: product().base, token: recovered.token }).me()).agent_id).toBe(minted.agent_id);
  });

  it("a bad bearer is a typed 401 with the envelope's code and the request id of the stored call", async () => {
    const err = await rejection(new Client({ baseUrl: product().base, token: "411_nope_nope" }).me());
    expect(err).toMatchObject({ status: 401, code: expect.stringMatching(/^(TOKEN_INVALID|UNAUTHORIZED)$/) });
    expect(err.requestId).toMatch(/^req_/);
  });
});

describe("enrich", () => {
  it("phone, person, websearch and a lead session, each billed from the balance", async () => {
    const { client } = await fundedAgent("10");
    const phone = await client.enrich.phone({ phone: SEED_PHONE });
    expect(phone.matched).toBe(true);
    expect(phone.data.people.length).toBeGreaterThan(0);
    expect(phone.billing).toMatchObject({ mode: "virtual_balance", charged_usd: 0.33, matched: true });
    const person = await client.enrich.person({ name: "Joseph B Manno", city: "Ridgway", state_code: "PA" });
    expect(person.billing.charged_usd).toBe(person.matched ? 0.5 : 0);
    const web = await client.enrich.websearch({ business_name: "Haney Furniture Co", city: "New Castle", state: "PA" });
    expect(web.matched).toBe(true);
    expect(web.billing.charged_usd).toBeGreaterThanOrEqual(1);
    const session = await client.enrich.leadSession({ lead: LEAD, budget_usd: 2, max_rounds: 2, mode: "auto" });
    expect(session.rounds_used).toBeGreaterThan(0);
    const spent = phone.billing.charged_usd + person.billing.charged_usd + web.billing.charged_usd + session.billing.charged_usd;
    expect((await client.balance()).virtual_balance_usd).toBeCloseTo(10.2 - spent, 6);
  });

  it("bad input is a typed 400 with no charge", async () => {
    const { client } = await fundedAgent("1");
    const err = await rejection(client.enrich.phone({ phone: "123" }));
    expect(err).toMatchObject({ status: 400, code: "INVALID_PHONE" });
    expect(err.requestId).toMatch(/^req_/);
    expect((await client.balance()).virtual_balance_usd).toBe(1.2);
  });

  it("catalog tier: email and company when enabled; an offline route fails at once, without retries", async () => {
    const retries: unknown[] = [];
    const { client } = await fundedAgent("2", { onRetry: (e) => retries.push(e) });
    const email = await client.enrich.email({ email: "jbmanno@example.com" });
    expect(email.billing.charged_usd).toBe(email.matched ? 0.1 : 0);
    const company = await client.enrich.company({ name: "Haney Furniture Co", city: "New Castle", state: "PA" });
    expect(company).toHaveProperty("billing");
    const started = Date.now();
    const offline = await rejection(client.leads.search({ state: "PA", limit: 5 }));
    expect(offline).toMatchObject({ status: 503, code: "ROUTE_OFFLINE" });
    expect(retries).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("account", () => {
  it("keys: create a capped key, call with it, list, revoke (the key stops at once)", async () => {
    const { client } = await fundedAgent("5");
    const created = await client.keys.create({ name: "ci", spend_cap_usd: "1.00" } as never);
    expect(created.key).toMatch(/^411k_/);
    const asKey = new Client({ baseUrl: product().base, token: created.key });
    expect((await asKey.enrich.phone({ phone: SEED_PHONE })).billing.charged_usd).toBe(0.33);
    expect((await asKey.balance()).usage_key).toMatchObject({ key_id: created.key_id, spent_usd: 0.33 });
    const listed = await client.keys.list();
    expect(listed.usage_keys.find((k) => k.key_id === created.key_id)).toMatchObject({ status: "active", spent_usd: 0.33 });
    expect(await client.keys.revoke(created.key_id)).toMatchObject({ key_id: created.key_id, status: "revoked" });
    expect((await rejection(asKey.balance())).status).toBe(401);
  });

  it("requests: the agent's stored calls, paged by cursor", async () => {
    const { client } = await fundedAgent("2");
    const call = await client.enrich.phone({ phone: SEED_PHONE });
    await client.me();
    const first = await client.requests.list({ limit: 1 });
    expect(first.requests).toHaveLength(1);
    expect(first.next_cursor).toBeTruthy();
    const rest = await client.requests.list({ limit: 50, cursor: first.next_cursor! });
    const all = [...first.requests, ...rest.requests];
    const paid = all.find((r) => r.path === "/api/v1/enrich/phone");
    expect(paid).toMatchObject({ status: 200, charged_usd: 0.33 });
    expect(call.billing.charged_usd).toBe(0.33);
  });

  it("callbacks: subscribe, list, deliveries after a job, delete", async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(body);
        res.end("ok");
      });
    }).listen(product().callbackPort, "127.0.0.1");
    try {
      const { client } = await fundedAgent("5");
      const sub = await client.callbacks.create({ url: `http://localhost:${product().callbackPort}/hook`, events: ["enrich.job_completed"] });
      expect(sub.signing_secret).toMatch(/^whsec_/);
      expect((await client.callbacks.list()).callbacks.map((c) => c.callback_id)).toContain(sub.callback_id);
      const job = await client.jobs.submit({ route: "enrich/websearch", payload: { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" } });
      await client.jobs.wait(job.job_id, { intervalMs: 200 });
      await expect.poll(async () => (await client.callbacks.deliveries(sub.callback_id)).deliveries.length, { timeout: 20_000 }).toBeGreaterThan(0);
      await client.callbacks.delete(sub.callback_id);
      expect((await client.callbacks.list()).callbacks.find((c) => c.callback_id === sub.callback_id && c.status === "active")).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it("support: a ticket costs $0.01 from the balance", async () => {
    const { client } = await fundedAgent("1");
    const ticket = await client.support.createTicket({ category: "other", subject: "sdk test", body: "hello from the client suite" });
    expect(ticket.billing.charged_usd).toBe(0.01);
    expect(await client.support.getTicket(ticket.ticket_id)).toMatchObject({ ticket_id: ticket.ticket_id, status: "open", subject: "sdk test" });
    const listed = await client.support.listTickets({ limit: 5 });
    expect(listed.tickets.map((t) => t.ticket_id)).toContain(ticket.ticket_id);
  });

  it("agent chat: a turn runs the phone lookup on the balance; the conversation is stored, readable and deletable", async () => {
    const { client } = await fundedAgent("2");
    const before = (await client.balance()).virtual_balance_usd;
    const seen: string[] = [];
    const turn = await client.agent.chat({ message: `who owns ${SEED_PHONE}?` }, { onEvent: (e) => seen.push(e === "[DONE]" ? e : e.type) });
    expect(turn.tools).toHaveLength(1);
    expect(turn.tools[0]).toMatchObject({ name: "enrich_phone", output: { status: "ok", cost_usd: 0.33 } });
    expect(turn.tools_charged_usd).toBe(0.33);
    expect(turn.text).toContain("charged $0.33");
    expect(seen.at(-1)).toBe("[DONE]");
    expect((await client.balance()).virtual_balance_usd).toBeCloseTo(before - 0.33, 6);

    const convo = await client.agent.conversations.get(turn.conversation_id);
    expect(convo.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect((await client.agent.conversations.list()).conversations[0]?.conversation_id).toBe(turn.conversation_id);
    await client.agent.conversations.delete(turn.conversation_id);
    expect((await rejection(client.agent.conversations.get(turn.conversation_id))).code).toBe("NOT_FOUND");
  });

  it("discovery: health, pricing, Bazaar resources, the x402 catalog, skill.md, llms.txt", async () => {
    const client = new Client({ baseUrl: product().base });
    expect(await client.discovery.health()).toMatchObject({ status: "ok" });
    expect(JSON.stringify(await client.discovery.pricing())).toContain("enrich");
    expect((await client.discovery.resources()).items.length).toBeGreaterThan(0);
    expect(JSON.stringify(await client.discovery.x402())).toContain("/api/v1/enrich/phone");
    expect(await client.discovery.skill()).toContain("411data");
    expect(await client.discovery.llms()).toContain("411data");
  });
});

describe("jobs", () => {
  it("submit holds the ceiling; wait reports progress and ends completed with the actual cost captured", async () => {
    const { client } = await fundedAgent("5");
    const accepted = await client.jobs.submit({ route: "enrich/websearch", payload: { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" } });
    expect(accepted).toMatchObject({ status: "queued", billing_mode: "virtual_balance", bill_up_to_usd: 1.5 });
    expect(accepted.poll_bearer).toMatch(/^411j_/);
    const seen: string[] = [];
    // The poll bearer alone reads the job (a client with no agent bearer).
    const poller = new Client({ baseUrl: product().base });
    const done = await poller.jobs.wait(accepted.job_id, { pollBearer: accepted.poll_bearer, intervalMs: 200, onProgress: (j) => seen.push(j.status) });
    expect(done.status).toBe("completed");
    expect(seen.at(-1)).toBe("completed");
    expect(done.billing.charged_usd).toBeGreaterThanOrEqual(1);
    expect((await client.jobs.get(accepted.job_id)).job_id).toBe(accepted.job_id);
    await expect.poll(async () => (await client.balance()).virtual_balance_usd).toBeCloseTo(5.2 - done.billing.charged_usd!, 6);
  });
});

describe("x402", () => {
  it("deposit: tops up the balance by an x402 payment settled on the local chain", async () => {
    const { client, wallet } = await fundedAgent("0", {});
    const payer = new Client({ baseUrl: product().base, token: client.token, x402: { account: wallet.account, assets: localUsdc() } });
    const before = await usdcOf(wallet.account.address);
    const dep = await payer.deposits.create({ amount_usd: "1.00" });
    expect(dep.deposited_usd).toBe(1);
    const receipt = await chain().getTransactionReceipt({ hash: dep.transaction as `0x${string}` });
    expect(receipt.status).toBe("success");
    expect(before - (await usdcOf(wallet.account.address))).toBe(1_000_000n);
    expect((await payer.balance()).virtual_balance_usd).toBeGreaterThanOrEqual(1.2);
  });
});
