import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { verifyCallbackSignature } from "@411data/core";
import { describe, expect, it, vi } from "vitest";
import { deliverCallback } from "../../workers/api/src/services/callbacks/deliver.ts";
import { emitEnrichCompletedLater, emitEvent } from "../../workers/api/src/services/callbacks/events.ts";
import { createJobCallback } from "../../workers/api/src/services/callbacks/subscriptions.ts";
import type { ReceivedCallback } from "../setup/callback-receiver.ts";
import { mintAgent, type MintedAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";

// The receiver is a real HTTP server (test/setup/callback-receiver.ts) on the one loopback port the
// test config allows; every other loopback port stays refused, so refusals are tested beside it.
const PORT = Number(env.CALLBACKS_LOOPBACK_PORTS);
const RECEIVER = `http://127.0.0.1:${PORT}`;
const CALLBACKS = "/api/v1/agents/callbacks";

const newInbox = () => `ib${crypto.randomUUID().replaceAll("-", "")}`;
const hook = (inbox: string, mode: "ok" | "fail" | "redirect" | "flaky") => `${RECEIVER}/hook/${inbox}/${mode}`;

async function inbox(name: string): Promise<ReceivedCallback[]> {
  return (await (await fetch(`${RECEIVER}/inbox/${name}`)).json()) as ReceivedCallback[];
}

async function waitForInbox(name: string, count: number): Promise<ReceivedCallback[]> {
  return vi.waitUntil(
    async () => {
      const got = await inbox(name);
      return got.length >= count ? got : false;
    },
    { timeout: 15_000, interval: 50 },
  );
}

interface Created {
  callback_id: string;
  url: string;
  events: string[];
  description: string | null;
  status: string;
  signing_secret: string;
}

interface Delivery {
  delivery_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  completed_at: string | null;
}

async function subscribe(agent: MintedAgent, body: Record<string, unknown>): Promise<Created> {
  const res = await postJson(CALLBACKS, body, agent.auth);
  if (res.status !== 201) throw new Error(`create callback ${res.status}: ${await res.text()}`);
  return (await res.json()) as Created;
}

async function deliveries(agent: MintedAgent, callbackId: string): Promise<Delivery[]> {
  const res = await call(`${CALLBACKS}/${callbackId}/deliveries`, { headers: agent.auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

async function waitForDelivery(agent: MintedAgent, callbackId: string, status: string): Promise<Delivery> {
  return vi.waitUntil(
    async () => (await deliveries(agent, callbackId)).find((d) => d.status === status) ?? false,
    { timeout: 15_000, interval: 50 },
  );
}

describe("callback subscriptions", () => {
  it("create (secret shown once), list without secrets, delete", async () => {
    const agent = await mintAgent();
    const res = await postJson(
      CALLBACKS,
      { url: "HTTPS://Hooks.Example.COM/411?x=1", events: ["enrich.job_completed", "enrich.completed", "enrich.completed"], description: "crm" },
      agent.auth,
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created).toMatchObject({
      url: "https://hooks.example.com/411?x=1",
      events: ["enrich.job_completed", "enrich.completed"],
      description: "crm",
      status: "active",
    });
    expect(created.callback_id).toMatch(/^cb_[0-9A-Za-z]{20}$/);
    expect(created.signing_secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);

    const list = await call(CALLBACKS, { headers: agent.auth });
    const text = await list.text();
    expect(text).not.toContain(created.signing_secret);
    expect(JSON.parse(text)).toMatchObject({ callbacks: [{ callback_id: created.callback_id, status: "active" }], limit: 10 });
    expect(JSON.parse(text).callbacks[0]).not.toHaveProperty("signing_secret");

    // The request log (and the agent's own history) keeps the answer without the secret.
    const logged = await storedRequest(res.headers.get("x-request-id")!);
    expect(logged.response_body).not.toContain(created.signing_secret);
    expect(logged.response_body).toContain("whsec_[redacted]");
    const history = await (await call("/api/v1/agents/requests?limit=100", { headers: agent.auth })).text();
    expect(history).not.toContain(created.signing_secret);

    const del = await call(`${CALLBACKS}/${created.callback_id}`, { method: "DELETE", headers: agent.auth });
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ callback_id: created.callback_id, status: "deleted" });
    expect(await (await call(CALLBACKS, { headers: agent.auth })).json()).toMatchObject({ callbacks: [] });
    await expectEnvelope(await call(`${CALLBACKS}/${created.callback_id}`, { method: "DELETE", headers: agent.auth }), 404, "NOT_FOUND");
  });

  it("another agent cannot see, read deliveries of, or delete a subscription", async () => {
    const owner = await mintAgent();
    const other = await mintAgent();
    const created = await subscribe(owner, { url: "https://hooks.example.com/a", events: ["enrich.completed"] });
    expect(await (await call(CALLBACKS, { headers: other.auth })).json()).toMatchObject({ callbacks: [] });
    await expectEnvelope(await call(`${CALLBACKS}/${created.callback_id}/deliveries`, { headers: other.auth }), 404, "NOT_FOUND");
    await expectEnvelope(await call(`${CALLBACKS}/${created.callback_id}`, { method: "DELETE", headers: other.auth }), 404, "NOT_FOUND");
    expect((await (await call(CALLBACKS, { headers: owner.auth })).json()) as object).toMatchObject({
      callbacks: [{ callback_id: created.callback_id }],
    });
  });

  it("usage keys are refused; a bearer is required", async () => {
    const agent = await mintAgent();
    const keyRes = await postJson("/api/v1/agents/usage-keys", { spend_cap_usd: 1 }, agent.auth);
    const key = ((await keyRes.json()) as { key: string }).key;
    const keyAuth = { authorization: `Bearer ${key}` };
    await expectEnvelope(await postJson(CALLBACKS, { url: "https://hooks.example.com/", events: ["enrich.completed"] }, keyAuth), 403, "FORBIDDEN");
    await expectEnvelope(await call(CALLBACKS, { headers: keyAuth }), 403, "FORBIDDEN");
    await expectEnvelope(await call(`${CALLBACKS}/cb_AAAAAAAAAAAAAAAAAAAA`, { method: "DELETE", headers: keyAuth }), 403, "FORBIDDEN");
    await expectEnvelope(await postJson(CALLBACKS, { url: "https://hooks.example.com/", events: ["enrich.completed"] }), 401, "UNAUTHORIZED");
  });

  it("bad bodies are 400 VALIDATION_FAILED", async () => {
    const agent = await mintAgent();
    for (const body of [
      {},
      { url: "https://hooks.example.com/" },
      { url: "https://hooks.example.com/", events: [] },
      { url: "https://hooks.example.com/", events: ["enrich.everything"] },
      { url: 42, events: ["enrich.completed"] },
      { url: "https://hooks.example.com/", events: ["enrich.completed"], description: "x".repeat(201) },
    ]) {
      await expectEnvelope(await postJson(CALLBACKS, body, agent.auth), 400, "VALIDATION_FAILED");
    }
    await expectEnvelope(await call(`${CALLBACKS}/nope`, { method: "DELETE", headers: agent.auth }), 400, "VALIDATION_FAILED");
  });

  it("at most 10 per agent, also under concurrent creates; deleting one frees a place", async () => {
    const agent = await mintAgent();
    const results = await Promise.all(
      Array.from({ length: 13 }, (_, i) => postJson(CALLBACKS, { url: `https://hooks.example.com/${i}`, events: ["enrich.completed"] }, agent.auth)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    for (const r of refused) await expectEnvelope(r, 409, "CALLBACK_LIMIT_REACHED");
    const list = (await (await call(CALLBACKS, { headers: agent.auth })).json()) as { callbacks: { callback_id: string }[] };
    expect(list.callbacks).toHaveLength(10);
    await call(`${CALLBACKS}/${list.callbacks[0]!.callback_id}`, { method: "DELETE", headers: agent.auth });
    expect((await postJson(CALLBACKS, { url: "https://hooks.example.com/again", events: ["enrich.completed"] }, agent.auth)).status).toBe(201);
  });
});

describe("callback URLs refused at creation", () => {
  const other = PORT === 65_535 ? PORT - 1 : PORT + 1;
  it.each([
    ["http://hooks.example.com/", "not_https"],
    ["ftp://hooks.example.com/", "not_https"],
    ["not a url", "invalid_url"],
    ["https://[fe80::1%25eth0]/", "invalid_url"],
    ["https://user:pass@hooks.example.com/", "credentials"],
    [`http://user:pass@127.0.0.1:${PORT}/hook/x/ok`, "credentials"],
    ["https://127.0.0.1/", "loopback"],
    [`http://127.0.0.1:${other}/`, "loopback"],
    ["https://2130706433/", "loopback"],
    ["https://0177.0.0.1/", "loopback"],
    ["https://0x7f.0.0.1/", "loopback"],
    ["https://0x7f000001/", "loopback"],
    ["https://127.1/", "loopback"],
    ["https://127.0.0.1./", "loopback"],
    ["https://[::1]/", "loopback"],
    ["https://[::ffff:127.0.0.1]/", "loopback"],
    ["https://[::ffff:7f00:1]/", "loopback"],
    ["https://[64:ff9b::127.0.0.1]/", "loopback"],
    ["https://LOCALHOST/", "loopback"],
    ["https://app.localhost./", "loopback"],
    ["https://10.1.2.3/", "private"],
    ["https://172.20.0.1/", "private"],
    ["https://192.168.0.10/", "private"],
    ["https://3232235530/", "private"],
    ["https://100.64.1.1/", "private"],
    ["https://[fd12::1]/", "private"],
    ["https://[64:ff9b::192.168.0.1]/", "private"],
    ["https://169.254.10.10/", "link_local"],
    ["https://[FE80::abcd]/", "link_local"],
    ["https://169.254.169.254/latest/meta-data/", "metadata"],
    ["https://0xa9.0xfe.0xa9.0xfe/", "metadata"],
    ["https://[fd00:ec2::254]/", "metadata"],
    ["https://metadata.google.internal/", "metadata"],
    ["https://0.0.0.0/", "unspecified"],
    ["https://[::]/", "unspecified"],
    ["https://224.0.0.251/", "multicast"],
    ["https://[ff02::fb]/", "multicast"],
    ["https://198.18.0.1/", "reserved"],
    ["https://255.255.255.255/", "reserved"],
    ["https://[2001:db8::1]/", "reserved"],
    ["https://db.internal/", "local_name"],
    ["https://printer.local/", "local_name"],
    ["https://nas.lan/", "local_name"],
    ["https://router.home.arpa/", "local_name"],
    ["https://intranet/", "local_name"],
  ])("%s → %s", async (url, reason) => {
    const agent = await sharedAgent();
    const res = await postJson(CALLBACKS, { url, events: ["enrich.completed"] }, agent.auth);
    const body = (await expectEnvelope(res, 400, "CALLBACK_URL_REFUSED")) as unknown as {
      error: { details: { field: string; reason: string } };
    };
    expect(body.error.details).toEqual({ field: "url", reason });
  });

  it("the allowed test receiver itself is accepted, and nothing refused was stored", async () => {
    const agent = await sharedAgent();
    const created = await subscribe(agent, { url: `${RECEIVER}/hook/accepted/ok`, events: ["enrich.completed"] });
    expect(created.url).toBe(`${RECEIVER}/hook/accepted/ok`);
    const list = (await (await call(CALLBACKS, { headers: agent.auth })).json()) as { callbacks: unknown[] };
    expect(list.callbacks).toHaveLength(1);
  });
});

let shared: Promise<MintedAgent> | undefined;
const sharedAgent = () => (shared ??= mintAgent());

describe("deliveries", () => {
  it("a subscribed event arrives signed; the receiver verifies it; nothing goes to other events or agents", async () => {
    const agent = await mintAgent();
    const stranger = await mintAgent();
    const box = newInbox();
    const quiet = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "ok"), events: ["enrich.completed"] });
    await subscribe(agent, { url: hook(quiet, "ok"), events: ["lead.session_completed"] });
    await subscribe(stranger, { url: hook(quiet, "ok"), events: ["enrich.completed"] });

    const data = { request_id: "req_x", route: "enrich.phone", matched: true, charged_usd: 0.05, name: "Zoë" };
    const emitted = await emitEvent(env, { agentId: agent.agentId, type: "enrich.completed", data });
    expect(emitted.deliveryIds).toHaveLength(1);

    const [got] = await waitForInbox(box, 1);
    expect(await verifyCallbackSignature(sub.signing_secret, got!.headers["x-411-signature"], got!.body)).toBe(true);
    expect(await verifyCallbackSignature(sub.signing_secret, got!.headers["x-411-signature"], `${got!.body} `)).toBe(false);
    expect(got!.headers).toMatchObject({
      "content-type": "application/json",
      "x-411-event": "enrich.completed",
      "x-411-delivery": emitted.deliveryIds[0],
      "x-411-attempt": "1",
    });
    expect(JSON.parse(got!.body)).toEqual({
      id: emitted.eventId,
      type: "enrich.completed",
      created_at: expect.any(String),
      agent_id: agent.agentId,
      data,
    });

    const delivered = await waitForDelivery(agent, sub.callback_id, "delivered");
    expect(delivered).toMatchObject({
      delivery_id: emitted.deliveryIds[0],
      event_type: "enrich.completed",
      attempts: 1,
      last_status_code: 200,
      last_error: null,
    });
    expect(await inbox(quiet)).toEqual([]);
  });

  it("enrich.completed after a paid call: sent once per request even when emitted concurrently", async () => {
    const agent = await mintAgent();
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "ok"), events: ["enrich.completed"] });
    const result = { matched: true, data: { phones: [] }, billing: { charged_usd: 0.05 } };
    const ctx = createExecutionContext();
    const input = { agentId: agent.agentId, requestId: "req_callbackcompleted000001", routeId: "enrich.phone", result };
    for (let i = 0; i < 4; i++) emitEnrichCompletedLater(ctx, env, input);
    // An anonymous x402 call has no subscriptions to reach.
    emitEnrichCompletedLater(ctx, env, { ...input, agentId: null });
    await waitOnExecutionContext(ctx);
    const [got] = await waitForInbox(box, 1);
    expect(JSON.parse(got!.body)).toMatchObject({
      type: "enrich.completed",
      data: { request_id: "req_callbackcompleted000001", route: "enrich.phone", result },
    });
    await waitForDelivery(agent, sub.callback_id, "delivered");
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox(box)).toHaveLength(1);
    expect(await deliveries(agent, sub.callback_id)).toHaveLength(1);
  });

  it("an event nobody subscribed to stores nothing", async () => {
    const agent = await mintAgent();
    expect(await emitEvent(env, { agentId: agent.agentId, type: "lead.session_completed", data: {} })).toEqual({
      eventId: null,
      deliveryIds: [],
    });
  });

  it("a 500 is retried with its attempts recorded, then failed for good once the retries run out", async () => {
    const agent = await mintAgent();
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "fail"), events: ["enrich.completed"] });
    const { deliveryIds } = await emitEvent(env, { agentId: agent.agentId, type: "enrich.completed", data: { n: 1 } });
    const failed = await waitForDelivery(agent, sub.callback_id, "failed");
    // The test queue allows 2 retries: three attempts, each signed afresh, the same delivery id.
    expect(failed).toMatchObject({ attempts: 3, last_status_code: 500, last_error: "the receiver answered 500" });
    expect(failed.completed_at).not.toBeNull();
    const got = await inbox(box);
    expect(got.map((r) => r.headers["x-411-attempt"])).toEqual(["1", "2", "3"]);
    expect(new Set(got.map((r) => r.headers["x-411-delivery"]))).toEqual(new Set(deliveryIds));
    for (const r of got) expect(await verifyCallbackSignature(sub.signing_secret, r.headers["x-411-signature"], r.body)).toBe(true);
  });

  it("a receiver that fails once gets the retry and the delivery ends delivered", async () => {
    const agent = await mintAgent();
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "flaky"), events: ["enrich.completed"] });
    await emitEvent(env, { agentId: agent.agentId, type: "enrich.completed", data: {} });
    const delivered = await waitForDelivery(agent, sub.callback_id, "delivered");
    expect(delivered).toMatchObject({ attempts: 2, last_status_code: 200, last_error: null });
    expect((await inbox(box)).map((r) => r.headers["x-411-attempt"])).toEqual(["1", "2"]);
  });

  it("a 302 is a failure and is not followed", async () => {
    const agent = await mintAgent();
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "redirect"), events: ["enrich.completed"] });
    await emitEvent(env, { agentId: agent.agentId, type: "enrich.completed", data: {} });
    const failed = await waitForDelivery(agent, sub.callback_id, "failed");
    expect(failed.last_status_code).toBe(302);
    expect(failed.last_error).toMatch(/^redirect 302 to http:\/\/127\.0\.0\.1:\d+\/hook\/.+-followed\/ok not followed$/);
    expect(await inbox(box)).toHaveLength(3);
    expect(await inbox(`${box}-followed`)).toEqual([]);
  });

  it("a URL that is refused by send time is never contacted", async () => {
    const agent = await mintAgent();
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "ok"), events: ["enrich.completed"] });
    // As if the rules tightened after creation: the stored URL now carries credentials, and would
    // still reach the receiver if the guard were skipped.
    const refused = `http://user:pass@127.0.0.1:${PORT}/hook/${box}/ok`;
    await env.DB.prepare("UPDATE callback_subscriptions SET url = ? WHERE id = ?").bind(refused, sub.callback_id).run();
    await emitEvent(env, { agentId: agent.agentId, type: "enrich.completed", data: {} });
    const failed = await waitForDelivery(agent, sub.callback_id, "failed");
    expect(failed).toMatchObject({ attempts: 0, last_status_code: null });
    expect(failed.last_error).toMatch(/^not sent: URL refused \(credentials\)/);
    expect(await inbox(box)).toEqual([]);
  });

  it("a delivery whose subscription was deleted first is canceled, not sent", async () => {
    const agent = await mintAgent();
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "ok"), events: ["enrich.completed"] });
    // The delivery row without its queue message, so the deletion surely comes first.
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO callback_events (id, agent_id, type, body, created_at) VALUES ('evt_cancel', ?, 'enrich.completed', '{}', ?)").bind(
        agent.agentId,
        now,
      ),
      env.DB.prepare(
        "INSERT INTO callback_deliveries (id, event_id, subscription_id, created_at) VALUES ('dlv_000000000000000000000cancel', 'evt_cancel', ?, ?)",
      ).bind(sub.callback_id, now),
    ]);
    await call(`${CALLBACKS}/${sub.callback_id}`, { method: "DELETE", headers: agent.auth });
    await deliverCallback(env, "dlv_000000000000000000000cancel");
    expect((await deliveries(agent, sub.callback_id))[0]).toMatchObject({ status: "canceled", attempts: 0 });
    expect(await inbox(box)).toEqual([]);
  });
});

describe("a job's own callback_url", () => {
  it("gets enrich.job_completed signed with the job's secret, once even when emitted twice", async () => {
    const agent = await mintAgent();
    const jobBox = newInbox();
    const agentBox = newInbox();
    const sub = await subscribe(agent, { url: hook(agentBox, "ok"), events: ["enrich.job_completed"] });
    const jobId = `ej_${"A".repeat(12)}${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const job = await createJobCallback(env, { agentId: agent.agentId, jobId, url: hook(jobBox, "ok") });
    expect(job.signingSecret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
    expect(job.signingSecret).not.toBe(sub.signing_secret);

    const data = { job_id: jobId, status: "completed", billing_status: "settled_virtual" };
    const first = await emitEvent(env, { agentId: agent.agentId, type: "enrich.job_completed", jobId, data });
    expect(first.deliveryIds).toHaveLength(2);
    const [atJob] = await waitForInbox(jobBox, 1);
    const [atAgent] = await waitForInbox(agentBox, 1);
    expect(await verifyCallbackSignature(job.signingSecret, atJob!.headers["x-411-signature"], atJob!.body)).toBe(true);
    expect(await verifyCallbackSignature(sub.signing_secret, atJob!.headers["x-411-signature"], atJob!.body)).toBe(false);
    expect(await verifyCallbackSignature(sub.signing_secret, atAgent!.headers["x-411-signature"], atAgent!.body)).toBe(true);
    expect(JSON.parse(atJob!.body)).toMatchObject({ id: first.eventId, type: "enrich.job_completed", data });
    expect(atJob!.body).toBe(atAgent!.body);

    // A redelivered job message emits again: same event, no second delivery.
    const again = await emitEvent(env, { agentId: agent.agentId, type: "enrich.job_completed", jobId, data });
    expect(again.eventId).toBe(first.eventId);
    await waitForDelivery(agent, sub.callback_id, "delivered");
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox(jobBox)).toHaveLength(1);
    expect(await inbox(agentBox)).toHaveLength(1);

    // Job callbacks are not agent subscriptions: not listed, not counted.
    const list = (await (await call(CALLBACKS, { headers: agent.auth })).json()) as { callbacks: { callback_id: string }[] };
    expect(list.callbacks.map((c) => c.callback_id)).toEqual([sub.callback_id]);
  });

  it("an anonymous job's callback works without an agent; other events never reach it", async () => {
    const jobBox = newInbox();
    const jobId = `ej_${"B".repeat(12)}${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const job = await createJobCallback(env, { agentId: null, jobId, url: hook(jobBox, "ok") });
    expect((await emitEvent(env, { agentId: null, type: "lead.session_completed", jobId, data: {} })).deliveryIds).toEqual([]);
    await emitEvent(env, { agentId: null, type: "enrich.job_completed", jobId, data: { job_id: jobId } });
    const [got] = await waitForInbox(jobBox, 1);
    expect(await verifyCallbackSignature(job.signingSecret, got!.headers["x-411-signature"], got!.body)).toBe(true);
    expect(JSON.parse(got!.body)).toMatchObject({ agent_id: null, data: { job_id: jobId } });
  });

  it("a private-address callback_url is refused with field callback_url", async () => {
    const jobId = `ej_${"C".repeat(24)}`;
    await expect(createJobCallback(env, { agentId: null, jobId, url: "https://192.168.1.10/hook" })).rejects.toMatchObject({
      code: "CALLBACK_URL_REFUSED",
      status: 400,
      details: { field: "callback_url", reason: "private" },
    });
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM callback_subscriptions WHERE job_id = ?").bind(jobId).first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });
});

describe("enrich.completed from paid calls", () => {
  it("a matched, charged call is delivered with the caller's answer; a no-match is not", async () => {
    const agent = await mintAgent();
    await env.AGENT_ACCOUNT.getByName(agent.agentId).credit({ amount: 800_000, memo: "test top-up" });
    const box = newInbox();
    const sub = await subscribe(agent, { url: hook(box, "ok"), events: ["enrich.completed"] });

    const miss = await postJson("/api/v1/enrich/phone", { phone: "+15550100404" }, agent.auth);
    expect(((await miss.json()) as { matched: boolean }).matched).toBe(false);
    const hit = await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, agent.auth);
    const answer = (await hit.json()) as { matched: boolean; billing: { charged_usd: number } };
    expect(answer.billing.charged_usd).toBe(0.33);

    const [got] = await waitForInbox(box, 1);
    expect(await verifyCallbackSignature(sub.signing_secret, got!.headers["x-411-signature"], got!.body)).toBe(true);
    expect(JSON.parse(got!.body)).toMatchObject({
      type: "enrich.completed",
      agent_id: agent.agentId,
      data: { request_id: hit.headers.get("x-request-id"), route: "enrich.phone", result: answer },
    });
    // Only the match was sent: give a stray no-match delivery time to show up, then count.
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox(box)).toHaveLength(1);

    // Unsubscribed, the next match is not sent (and no event is even stored).
    expect((await call(`${CALLBACKS}/${sub.callback_id}`, { method: "DELETE", headers: agent.auth })).status).toBe(200);
    const later = await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, agent.auth);
    expect(later.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox(box)).toHaveLength(1);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM callback_events WHERE agent_id = ? AND type = 'enrich.completed'")
      .bind(agent.agentId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(1);
  });
});
