import { describe, expect, it, vi } from "vitest";
import { RESERVED_NAMES } from "@411data/vendors";
import { balanceOf, fundedAgent, mintAgent } from "./support/agents.ts";
import { postJson } from "./support/http.ts";
import { callTool, mcpClient } from "./support/mcp.ts";

// Multi-call flows over MCP: a lead session continued by handle, an async job submitted and
// polled, and a burst of concurrent tool calls on one agent.

const HANEY = { contact_id: 81555753, company: "Haney Furniture Co", street: "30 N Beaver St", city: "New Castle", state: "PA", zip: "16101", number1: "7246547732" };

interface Billing {
  charged_usd: number;
  refunded_usd: number;
  mode: string;
  matched: boolean;
}
interface Session {
  session_id: string;
  rounds_used: number;
  suggested_user_prompts?: string[];
  graph: { contacts: unknown[]; phones: unknown[] };
  billing: Billing;
}

describe("lead session over MCP", () => {
  it("an interactive session, continued with session_id + prompt: same session, rounds carried, each turn billed", async () => {
    const agent = await fundedAgent(10);
    const client = await mcpClient({ auth: agent.auth });
    const first = await callTool<Session>(client, "enrich_lead_session", { lead: HANEY, mode: "interactive", max_rounds: 1, budget_usd: 5 });
    expect(first.isError).toBe(false);
    expect(first.structured.session_id).toMatch(/^ls_/);
    expect(first.structured.rounds_used).toBe(1);
    const prompt = first.structured.suggested_user_prompts![0]!;
    expect(prompt).toBeTruthy();

    const second = await callTool<Session>(client, "enrich_lead_session", { session_id: first.structured.session_id, prompt, max_rounds: 2 });
    expect(second.isError).toBe(false);
    expect(second.structured.session_id).toBe(first.structured.session_id);
    expect(second.structured.rounds_used).toBeGreaterThan(1);
    expect(second.structured.graph.contacts.length + second.structured.graph.phones.length).toBeGreaterThanOrEqual(
      first.structured.graph.contacts.length + first.structured.graph.phones.length,
    );
    const spent = first.structured.billing.charged_usd + second.structured.billing.charged_usd;
    expect((await balanceOf(agent.auth)).virtual_balance_usd).toBeCloseTo(10 - spent, 6);
  });
});

describe("async jobs over MCP", () => {
  it("submit_enrich_job holds the ceiling; get_enrich_job polls it to the result and the true-up", async () => {
    const agent = await fundedAgent(5);
    const client = await mcpClient({ auth: agent.auth });
    const submitted = await callTool<{ job_id: string; poll_bearer: string; status: string; billing_mode: string; bill_up_to_usd: number }>(
      client,
      "submit_enrich_job",
      { route: "enrich/websearch", payload: { business_name: "Haney Furniture Co", city: "New Castle", state: "PA" }, bill_up_to_usd: 2 },
    );
    expect(submitted.isError).toBe(false);
    expect(submitted.structured).toMatchObject({ status: "queued", billing_mode: "virtual_balance", bill_up_to_usd: 2 });
    expect(submitted.structured.job_id).toMatch(/^ej_/);
    expect(await balanceOf(agent.auth)).toMatchObject({ held_usd: 2 });

    const done = await vi.waitUntil(
      async () => {
        const polled = await callTool<{ status: string; matched: boolean; result: { matched: boolean } | null; billing: { charged_usd: number | null; refunded_usd: number | null } }>(
          client,
          "get_enrich_job",
          { job_id: submitted.structured.job_id },
        );
        if (polled.isError) throw new Error(polled.text);
        return polled.structured.status === "completed" || polled.structured.status === "failed" ? polled.structured : false;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(done).toMatchObject({ status: "completed", matched: true, result: { matched: true } });
    const charged = done.billing.charged_usd!;
    expect(charged).toBeGreaterThanOrEqual(1);
    expect(done.billing.refunded_usd).toBeCloseTo(2 - charged, 6);
    const after = await balanceOf(agent.auth);
    expect(after.held_usd).toBe(0);
    expect(after.virtual_balance_usd).toBeCloseTo(5 - charged, 6);
  });

  it("a job that matches nothing is refunded in full", async () => {
    const agent = await fundedAgent(5);
    const client = await mcpClient({ auth: agent.auth });
    const submitted = await callTool<{ job_id: string }>(client, "submit_enrich_job", {
      route: "enrich/websearch",
      payload: { business_name: RESERVED_NAMES.no_match },
      bill_up_to_usd: 2,
    });
    const done = await vi.waitUntil(
      async () => {
        const polled = await callTool<{ status: string; matched: boolean | null; billing: { charged_usd: number | null; refunded_usd: number | null } }>(
          client,
          "get_enrich_job",
          { job_id: submitted.structured.job_id },
        );
        return polled.structured.status === "completed" || polled.structured.status === "failed" ? polled.structured : false;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(done).toMatchObject({ status: "completed", matched: false, billing: { charged_usd: 0, refunded_usd: 2 } });
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 5, held_usd: 0 });
  });

  it("balance short: the payment request is the REST 402's (x402 upto for the ceiling); nothing held", async () => {
    const agent = await mintAgent(); // $0.20
    const body = { route: "enrich/websearch", payload: { business_name: "Haney Furniture Co" }, bill_up_to_usd: 2 };
    const res = await callTool<{ x402Version: number; error: string; accepts: { scheme: string; amount: string }[] }>(await mcpClient({ auth: agent.auth }), "submit_enrich_job", body);
    expect(res.isError).toBe(true);
    expect(res.structured).toMatchObject({ x402Version: 2, error: "INSUFFICIENT_BALANCE" });
    const rest = (await (await postJson("/api/v1/enrich/jobs", body, agent.auth)).json()) as { accepts: unknown[] };
    expect(res.structured.accepts).toEqual(rest.accepts);
    expect(res.structured.accepts.map((a) => a.scheme)).toContain("upto");
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
  });

  it("another agent's job is not found", async () => {
    const owner = await fundedAgent(5);
    const stranger = await fundedAgent(1);
    const submitted = await callTool<{ job_id: string }>(await mcpClient({ auth: owner.auth }), "submit_enrich_job", {
      route: "enrich/websearch",
      payload: { business_name: "Haney Furniture Co" },
    });
    const peek = await callTool<{ error: { code: string } }>(await mcpClient({ auth: stranger.auth }), "get_enrich_job", { job_id: submitted.structured.job_id });
    expect(peek.isError).toBe(true);
    expect(peek.structured.error.code).toBe("NOT_FOUND");
  });
});

describe("concurrency", () => {
  it("50 concurrent tool calls on one agent: exactly what the balance covers is charged, never more", async () => {
    const agent = await fundedAgent(3.3); // ten lookups at $0.33
    const clients = await Promise.all(Array.from({ length: 5 }, () => mcpClient({ auth: agent.auth })));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => callTool<{ billing?: Billing; error?: string }>(clients[i % 5]!, "enrich_phone", { phone: "+17242060094" })),
    );
    const paid = answers.filter((a) => !a.isError);
    const refused = answers.filter((a) => a.isError);
    expect(paid).toHaveLength(10);
    expect(paid.every((a) => a.structured.billing!.charged_usd === 0.33)).toBe(true);
    // The rest are asked to pay instead: the x402 result with the balance-short code.
    expect(refused.map((a) => a.structured.error)).toEqual(Array(40).fill("INSUFFICIENT_BALANCE"));
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0, held_usd: 0 });
  });
});
