import { computeResearchCost, type Fetch, type OpenAIPrices, pricesFor, ResponsesResponse } from "@411data/vendors";
import type { LeadGraph } from "./graph-schema.ts";
import type { NormalizedLead } from "./lead.ts";
import { renderSummary, type SummaryContext, type Summarizer } from "./summary.ts";

// summary_markdown written by an LLM (OpenAI Responses, no tools) from the graph the session built.
// The model sees only the graph and the lead, so it cannot add facts the lookups did not find. With
// no key the same adapter talks to an in-process sandbox that answers in the Responses shape with
// the deterministic rendering, so the code path under test is the production one.

export const SUMMARY_MODEL = "gpt-5-mini";
export const SUMMARY_TIMEOUT_MS = 30_000;
/** COGS estimate the planner keeps back for the summary (a few thousand tokens on gpt-5-mini). */
export const SUMMARY_COST_ESTIMATE_MICROS = 5_000;

const INSTRUCTIONS = [
  "You write a short markdown brief about one sales lead for a sales rep.",
  "Use only the facts in the JSON you are given: the lead row, and the graph of phones, contacts and",
  "businesses found by lookups, each with provenance and confidence. Never invent or guess a fact.",
  "Start with '## <lead name> — <city, state>', then '### At a glance' (who, what, where, best phone,",
  "best email), then sections for the business, the people and a phone table, then confidence notes.",
  "Say plainly when nothing matched.",
].join(" ");

export type LlmSummarizerOptions = {
  apiKey: string;
  baseUrl: string;
  fetch: Fetch;
  model?: string;
  prices?: Partial<OpenAIPrices>;
  timeoutMs?: number;
};

export function llmSummarizer(opts: LlmSummarizerOptions): Summarizer {
  const model = opts.model ?? SUMMARY_MODEL;
  const prices = pricesFor(model, opts.prices);
  return {
    async summarize(graph, lead, ctx) {
      const body = {
        model,
        instructions: INSTRUCTIONS,
        input: JSON.stringify({ lead, graph: { ...graph, summary_markdown: undefined }, tool_log: ctx?.toolLog ?? [], stop_reason: ctx?.stopReason ?? null }),
        store: false,
      };
      try {
        const res = await opts.fetch(
          new Request(`${opts.baseUrl.replace(/\/+$/, "")}/v1/responses`, {
            method: "POST",
            headers: { Authorization: `Bearer ${opts.apiKey}`, "Content-Type": "application/json" },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(opts.timeoutMs ?? SUMMARY_TIMEOUT_MS),
          }),
        );
        if (!res.ok) throw new Error(`summary request failed with ${res.status}`);
        const response = ResponsesResponse.parse(await res.json());
        const usage = {
          input_tokens: response.usage?.input_tokens ?? 0,
          cached_input_tokens: response.usage?.input_tokens_details?.cached_tokens ?? 0,
          output_tokens: response.usage?.output_tokens ?? 0,
        };
        const cost = computeResearchCost(usage, 0, prices);
        const text = response.output
          .filter((o) => o.type === "message")
          .flatMap((o) => o.content ?? [])
          .filter((c) => c.type === "output_text" && c.text)
          .map((c) => c.text)
          .join("\n")
          .trim();
        // A refusal or an empty answer still cost tokens; the graph's own rendering stands in.
        return { markdown: text ? `${text}\n` : renderSummary(graph, lead, ctx), cost_micro_usd: cost };
      } catch {
        // The summary never sinks a session whose lookups were paid for.
        return { markdown: renderSummary(graph, lead, ctx), cost_micro_usd: 0 };
      }
    },
  };
}

/**
 * The sandbox behind llmSummarizer when no key is configured: `POST /v1/responses` answering with
 * the deterministic rendering of the graph it was sent, and token usage counted from the text sizes
 * (about four characters a token) so the summary's COGS is realistic.
 */
export function summarySandbox(): Fetch {
  return async (req) => {
    if (new URL(req.url).pathname !== "/v1/responses" || req.method !== "POST") return new Response("not found", { status: 404 });
    if (!req.headers.get("authorization")) return Response.json({ error: { message: "missing key", type: "invalid_request_error", code: "invalid_api_key" } }, { status: 401 });
    const body = (await req.json()) as { model?: string; input?: string; instructions?: string };
    const input = JSON.parse(body.input ?? "{}") as { lead: NormalizedLead; graph: LeadGraph; tool_log?: SummaryContext["toolLog"]; stop_reason?: SummaryContext["stopReason"] };
    const markdown = renderSummary({ ...input.graph, summary_markdown: "" }, input.lead, { toolLog: input.tool_log ?? [], stopReason: input.stop_reason ?? null });
    const tokens = (s: string) => Math.ceil(s.length / 4);
    return Response.json({
      id: `resp_sandbox_${tokens(body.input ?? "")}`,
      object: "response",
      status: "completed",
      model: body.model ?? SUMMARY_MODEL,
      output: [{ type: "message", id: "msg_sandbox", status: "completed", role: "assistant", content: [{ type: "output_text", text: markdown, annotations: [] }] }],
      usage: { input_tokens: tokens(body.instructions ?? "") + tokens(body.input ?? ""), output_tokens: tokens(markdown), total_tokens: null },
    });
  };
}
