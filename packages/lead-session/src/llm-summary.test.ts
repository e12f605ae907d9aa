import { describe, expect, it } from "vitest";
import { createSession, llmSummarizer, runSession, summarySandbox } from "./index.ts";
import { HANEY, sandboxTools } from "./fixtures.test-helpers.ts";

const sandbox = { apiKey: "sandbox", baseUrl: "https://openai.sandbox.invalid", fetch: summarySandbox() };

describe("llmSummarizer", () => {
  it("writes the summary through the Responses API and books its token cost as COGS", async () => {
    const bare = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 2 }), sandboxTools());
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 2 }), sandboxTools(), { summarizer: llmSummarizer(sandbox) });
    expect(s.graph.summary_markdown).toContain("## Haney Furniture Co");
    expect(s.graph.summary_markdown).toContain("### Sources");
    expect(s.summaryCogs).toBeGreaterThan(0);
    expect(s.summaryCogs).toBeLessThan(5_000);
    expect(s.cogs).toBe(bare.cogs + s.summaryCogs);
  });

  it("sends only the lead and the graph, no tools, and the key as a bearer", async () => {
    let seen: Record<string, unknown> = {};
    let auth: string | null = null;
    const spy = llmSummarizer({
      ...sandbox,
      apiKey: "sk-test",
      fetch: async (req) => {
        auth = req.headers.get("authorization");
        seen = (await req.clone().json()) as Record<string, unknown>;
        return summarySandbox()(req);
      },
    });
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 1 }), sandboxTools(), { summarizer: spy });
    expect(auth).toBe("Bearer sk-test");
    expect(seen).not.toHaveProperty("tools");
    expect(JSON.parse(seen.input as string)).toMatchObject({ lead: { business_name: "Haney Furniture Co" }, graph: { entities: [{ name: "Haney Furniture Co" }] } });
    expect(s.graph.summary_markdown.length).toBeGreaterThan(0);
  });

  it("a failing provider falls back to the rendering and costs nothing", async () => {
    const down = llmSummarizer({ ...sandbox, fetch: async () => new Response("overloaded", { status: 503 }) });
    const s = await runSession(createSession({ lead: HANEY, budget: 2_000_000, maxRounds: 1 }), sandboxTools(), { summarizer: down });
    expect(s.graph.summary_markdown).toContain("## Haney Furniture Co");
    expect(s.summaryCogs).toBe(0);
  });
});
