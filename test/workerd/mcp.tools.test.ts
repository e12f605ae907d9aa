import { catalogEntry } from "@411data/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CAPABILITIES, isCatalogTier } from "../../workers/api/src/capabilities/registry.ts";
import { priceText } from "../../workers/api/src/http/payment-info.ts";
import { route as jobPoll } from "../../workers/api/src/routes/enrich/jobs/poll.ts";
import { route as jobSubmit } from "../../workers/api/src/routes/enrich/jobs/submit.ts";
import { route as leadSession } from "../../workers/api/src/routes/enrich/lead-session/start.ts";
import { route as person } from "../../workers/api/src/routes/enrich/person.ts";
import { route as phone } from "../../workers/api/src/routes/enrich/phone.ts";
import { route as websearch } from "../../workers/api/src/routes/enrich/websearch.ts";
import { route as tickets } from "../../workers/api/src/routes/support/tickets.ts";
import { route as email } from "../../workers/api/src/routes/enrich/email.ts";
import { route as leadsSearch } from "../../workers/api/src/routes/leads/search.ts";
import { balance } from "../../workers/api/src/routes/agents/me.ts";
import { fundedAgent } from "./support/agents.ts";
import { call, postJson } from "./support/http.ts";
import { callTool, type Era, mcpClient } from "./support/mcp.ts";

// What an MCP client sees before calling anything: the tool list, each tool's schemas (the REST
// route's own zod schemas), annotations and price, in both protocol eras; and the server card.

const ALWAYS = [
  "enrich_phone",
  "enrich_person",
  "enrich_websearch",
  "enrich_lead_session",
  "submit_enrich_job",
  "get_enrich_job",
  "get_balance",
  "get_agent",
  "list_requests",
  "get_pricing",
  "open_support_ticket",
];

const jsonOf = (schema: unknown, io: "input" | "output") => z.toJSONSchema(schema as z.ZodType, { io, target: "draft-2020-12" });
const bodyOf = (r: { request?: { body?: { content: Record<string, { schema: unknown }> } } }) => r.request!.body!.content["application/json"]!.schema;
const okOf = (r: { responses: Record<number, unknown> }, status = 200) =>
  (r.responses[status] as { content: Record<string, { schema: unknown }> }).content["application/json"]!.schema;

describe.each<Era>(["modern", "legacy"])("tools/list (%s era)", (era) => {
  it("lists every capability by its tool name, catalog-tier tools only while switched on", async () => {
    const client = await mcpClient({ era });
    expect(client.getProtocolEra()).toBe(era);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(ALWAYS);
  });

  it("each tool's input and output schema is its REST route's zod schema", async () => {
    const { tools } = await (await mcpClient({ era })).listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    const routes = { enrich_phone: phone, enrich_person: person, enrich_websearch: websearch, enrich_lead_session: leadSession, open_support_ticket: tickets };
    for (const [name, r] of Object.entries(routes)) {
      expect(byName.get(name)!.inputSchema, name).toMatchObject(jsonOf(bodyOf(r), "input"));
      expect(byName.get(name)!.outputSchema, name).toMatchObject(jsonOf(okOf(r), "output"));
    }
    // The job body is a discriminated union: the same oneOf, stamped type "object" as MCP requires.
    expect(byName.get("submit_enrich_job")!.inputSchema).toMatchObject({ type: "object", ...jsonOf(bodyOf(jobSubmit), "input") });
    expect(byName.get("submit_enrich_job")!.outputSchema).toMatchObject(jsonOf(okOf(jobSubmit, 202), "output"));
    // GETs take their path and query parameters as arguments.
    expect(byName.get("get_enrich_job")!.inputSchema).toMatchObject({ type: "object", properties: { job_id: { type: "string" } }, required: ["job_id"] });
    expect(byName.get("get_enrich_job")!.outputSchema).toMatchObject(jsonOf(okOf(jobPoll), "output"));
    expect(byName.get("get_balance")!.outputSchema).toMatchObject(jsonOf(okOf(balance), "output"));
    expect(byName.get("list_requests")!.inputSchema).toMatchObject({ properties: { limit: { type: "integer" }, cursor: { type: "string" } } });
    expect(byName.get("get_pricing")!.outputSchema).toMatchObject({ properties: { currency: { const: "USD" }, prices: { type: "array" } } });
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.outputSchema, tool.name).toBeDefined();
    }
  });

  it("descriptions state the catalog price and the bill-on-match rule; annotations fit", async () => {
    const { tools } = await (await mcpClient({ era })).listTools();
    for (const cap of CAPABILITIES.filter((c) => !isCatalogTier(c))) {
      const tool = tools.find((t) => t.name === cap.tool)!;
      expect(tool.annotations).toMatchObject(cap.annotations);
      if (cap.catalogId) expect(tool.description).toContain(priceText(catalogEntry(cap.catalogId)));
    }
    const phoneTool = tools.find((t) => t.name === "enrich_phone")!;
    expect(phoneTool.description).toContain("$0.33 per match (no match, no charge)");
    expect(phoneTool.description).toContain('_meta["x402/payment"]');
    expect(phoneTool.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: true });
    expect(tools.find((t) => t.name === "submit_enrich_job")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(tools.find((t) => t.name === "submit_enrich_job")!.description).toContain("Needs a bearer");
    expect(tools.find((t) => t.name === "get_balance")!.description).toContain("Free");
  });
});

describe("discovery", () => {
  it("server/discover names the server and 2026-07-28", async () => {
    const client = await mcpClient({ era: "modern" });
    expect(client.getServerVersion()).toMatchObject({ name: "411data" });
    expect(client.getInstructions()).toContain('_meta["x402/payment"]');
  });

  it("the server card lists the remote, its auth and the same tools and schemas as tools/list", async () => {
    const res = await call("/.well-known/mcp/server-card");
    expect(res.status).toBe(200);
    const card = (await res.json()) as {
      name: string;
      remotes: { type: string; url: string; supportedProtocolVersions: string[]; authentication: unknown }[];
      tools: { name: string; inputSchema: unknown; outputSchema: unknown; description: string }[];
    };
    expect(card.name).toMatch(/^[^/]+\/[^/]+$/);
    expect(card.remotes[0]).toMatchObject({ type: "streamable-http", url: "http://localhost:8787/mcp", authentication: { required: false, schemes: ["bearer"] } });
    expect(card.remotes[0]!.supportedProtocolVersions).toEqual(expect.arrayContaining(["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"]));
    const { tools } = await (await mcpClient()).listTools();
    expect(card.tools.map((t) => t.name)).toEqual(tools.map((t) => t.name));
    for (const t of card.tools) {
      const listed = tools.find((l) => l.name === t.name)!;
      expect(listed.inputSchema, t.name).toMatchObject(t.inputSchema as object);
      expect(t.description).toBe(listed.description);
    }
    expect(await (await call("/.well-known/mcp/server-card.json")).json()).toEqual(card);
  });
});

// Last in the file: it flips the operator switch in this file's D1.
describe("catalog-tier tools", () => {
  const flip = async (enabled: boolean | null) =>
    expect((await postJson("/api/v1/operator/catalog-routes", { routes: "all", enabled, memo: "mcp test" }, { "x-operator-secret": "test-operator-secret" })).status).toBe(200);

  it("offline: not listed, and a call is the route's ROUTE_OFFLINE, charged nothing", async () => {
    const agent = await fundedAgent(1);
    const client = await mcpClient({ auth: agent.auth });
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain("enrich_email");
    const offline = await callTool<{ error: { code: string; details: { charged_usd: number } } }>(client, "enrich_email", { email: "jbmanno@example.com" });
    expect(offline.isError).toBe(true);
    expect(offline.structured.error).toMatchObject({ code: "ROUTE_OFFLINE", details: { charged_usd: 0 } });
  });

  it("switched on: enrich_email, enrich_company and search_leads are listed with their routes' schemas and answer", async () => {
    await flip(true);
    try {
      const agent = await fundedAgent(1);
      const client = await mcpClient({ auth: agent.auth });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual([...ALWAYS, "enrich_email", "enrich_company", "search_leads"]);
      expect(tools.find((t) => t.name === "enrich_email")!.inputSchema).toMatchObject(jsonOf(bodyOf(email), "input"));
      expect(tools.find((t) => t.name === "search_leads")!.inputSchema).toMatchObject(jsonOf(bodyOf(leadsSearch), "input"));
      const found = await callTool<{ matched: boolean; billing: { charged_usd: number } }>(client, "enrich_company", { name: "Haney Furniture Co", city: "New Castle", state: "PA" });
      expect(found.isError).toBe(false);
      expect(found.structured).toMatchObject({ matched: true, billing: { charged_usd: 0.25 } });
    } finally {
      await flip(null);
    }
  });
});
