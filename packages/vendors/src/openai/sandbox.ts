/**
 * OpenAI sandbox: an in-process Hono app speaking the Responses API (`POST /v1/responses`,
 * `Authorization: Bearer <any>` required) with the `web_search` tool and json_schema output.
 * It "researches" businesses in the synthetic dataset: `web_search_call` output items (capped by
 * `max_tool_calls`), a `message` whose `output_text` is the JSON answer with `url_citation`
 * annotations (URLs carry `?utm_source=openai` like the real thing), and `usage`.
 * The business is read from a "Business name: …" line of `input` (what OpenAIWebResearch sends),
 * with "City:"/"State:" lines as hints. No real person's data.
 *
 * Reserved inputs (see reserved.ts), anywhere in `input`:
 *   "__vendor_429__"        429 rate_limit_exceeded, Retry-After: 7
 *   "__vendor_quota__"      429 insufficient_quota (no Retry-After)
 *   "__vendor_403__"        401 invalid_api_key
 *   "__vendor_500__"        500 server_error
 *   "__vendor_503__"        503 overloaded, Retry-After: 7
 *   "__vendor_timeout__"    hangs `hangMs` (default 60 s)
 *   "__vendor_malformed__"  200 with a truncated, non-JSON body
 *   "__vendor_schema__"     200 response whose output_text JSON violates the business_profile schema
 *   "__no_match__"          200, one search, `found: false`
 */
import { Hono, type Context } from "hono";
import { getDataset, DEFAULT_SEED, DEFAULT_SIZES } from "../dataset/generate.ts";
import { hashString } from "../dataset/prng.ts";
import { findBusiness } from "../dataset/search.ts";
import { formatAddress, type SynthBusiness } from "../dataset/types.ts";
import { RESERVED_RETRY_AFTER_SEC, reservedFault, type Fault } from "../reserved.ts";
import { DEFAULT_HANG_MS, sleep, type SandboxOptions } from "../sandbox-options.ts";
import type { BusinessAnswer } from "./schema.ts";

export type OpenAISandboxOptions = SandboxOptions;

type Body = {
  model?: unknown;
  input?: unknown;
  instructions?: unknown;
  tools?: unknown;
  max_tool_calls?: unknown;
  include?: unknown;
  text?: { format?: { type?: unknown } };
};

export function createOpenAISandbox(opts: OpenAISandboxOptions = {}): Hono {
  const app = new Hono();
  app.use("*", async (c, next) => {
    const auth = c.req.header("authorization") ?? "";
    if (!/^Bearer\s+\S+/i.test(auth)) {
      return oaiError(c, 401, "You didn't provide an API key.", "invalid_request_error", null);
    }
    await sleep(opts.latencyMs ?? 0, c.req.raw.signal);
    await next();
  });

  app.post("/v1/responses", async (c) => {
    let body: Body;
    try {
      body = (await c.req.json()) as Body;
    } catch {
      return oaiError(c, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
    }
    if (typeof body.model !== "string" || !body.model) return oaiError(c, 400, "Missing required parameter: 'model'.", "invalid_request_error", "missing_required_parameter");
    const input = inputText(body.input);
    if (input === null) return oaiError(c, 400, "Missing required parameter: 'input'.", "invalid_request_error", "missing_required_parameter");
    if (body.text?.format?.type !== "json_schema") return oaiError(c, 400, "This sandbox only answers with text.format json_schema.", "invalid_request_error", null);

    const fault = reservedFault(input);
    if (fault) {
      const r = await faultResponse(c, fault, opts.hangMs ?? DEFAULT_HANG_MS, body.model);
      if (r) return r;
    }

    const hasSearch = Array.isArray(body.tools) && body.tools.some((t) => (t as { type?: unknown })?.type === "web_search");
    const cap = typeof body.max_tool_calls === "number" ? Math.max(0, Math.floor(body.max_tool_calls)) : Number.POSITIVE_INFINITY;
    const withSources = Array.isArray(body.include) && body.include.includes("web_search_call.action.sources");
    const q = parseQuery(input);
    const ds = getDataset(opts.seed ?? DEFAULT_SEED, opts.sizes ?? DEFAULT_SIZES);
    const business = fault === "no_match" ? null : findBusiness(ds, q);
    // One search per page the answer draws on; a miss still costs one search.
    const wanted = business ? business.sources.length : 1;
    const searches = hasSearch ? Math.min(cap, wanted) : 0;
    return c.json(research(body.model, input, q, business, searches, withSources));
  });

  app.notFound((c) => oaiError(c, 404, `Invalid URL (${c.req.method} ${c.req.path})`, "invalid_request_error", null));
  return app;
}

function inputText(input: unknown): string | null {
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) return null;
  // Message-array input: concatenate text parts.
  const parts: string[] = [];
  for (const m of input) {
    const content = (m as { content?: unknown })?.content;
    if (typeof content === "string") parts.push(content);
    else if (Array.isArray(content)) for (const p of content) if (typeof (p as { text?: unknown })?.text === "string") parts.push((p as { text: string }).text);
  }
  return parts.length ? parts.join("\n") : null;
}

function parseQuery(input: string): { name: string; city?: string; state?: string } {
  const line = (label: string): string | undefined => new RegExp(`^${label}:\\s*(.+)$`, "im").exec(input)?.[1]?.trim();
  const q: { name: string; city?: string; state?: string } = { name: line("Business name") ?? input.trim().slice(0, 120) };
  const city = line("City");
  const state = line("State");
  if (city) q.city = city;
  if (state) q.state = state;
  return q;
}

function nationalFormat(e164: string): string {
  const d = e164.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

/** What the "model" can say given the pages its searches reached: one page per search. */
function answerFor(b: SynthBusiness | null, searches: number): { answer: BusinessAnswer; used: SynthBusiness["sources"] } {
  if (!b || searches === 0) {
    return { answer: { found: false, business_name: null, phones: [], people: [], addresses: [], legal_associates: [] }, used: [] };
  }
  const reached = b.sources.slice(0, searches);
  const site = reached[0];
  const directory = reached.find((s) => s.url.includes("directory."));
  const filing = reached.find((s) => s.url.includes("filings."));
  const answer: BusinessAnswer = {
    found: true,
    business_name: b.name,
    phones: b.phones.map((p, i) => ({ number: nationalFormat(p.e164), label: p.label, source_url: (directory ?? site)?.url ?? null, confidence: i === 0 ? 0.92 : 0.7 })),
    people: b.people.map((p, i) => ({ name: p.name, title: p.title, source_url: site?.url ?? null, confidence: i === 0 ? 0.88 : 0.72 })),
    addresses: [{ address: formatAddress(b.address), label: "business", source_url: (directory ?? site)?.url ?? null, confidence: 0.9 }],
    legal_associates: filing ? b.legal_associates.map((l) => ({ name: l.name, role: l.role, source_url: filing.url, confidence: 0.95 })) : [],
  };
  const used = reached.filter((s) => JSON.stringify(answer).includes(s.url));
  return { answer, used };
}

function research(
  model: string,
  input: string,
  q: { name: string; city?: string; state?: string },
  business: SynthBusiness | null,
  searches: number,
  withSources: boolean,
): Record<string, unknown> {
  const h = hashString(`${model}\n${input}`).toString(16).padStart(8, "0");
  const { answer, used } = answerFor(business, searches);
  const text = JSON.stringify(answer);
  const place = [q.city, q.state].filter(Boolean).join(" ");
  const queries = [`${q.name} ${place}`.trim(), `${q.name} owner`, `${q.name} business filing ${q.state ?? ""}`.trim(), `${q.name} phone`];
  const output: Record<string, unknown>[] = [];
  for (let i = 0; i < searches; i++) {
    const query = queries[i % queries.length] ?? q.name;
    const src = business?.sources[i];
    const action: Record<string, unknown> = { type: "search", query, queries: [query] };
    if (withSources) action.sources = src ? [{ type: "url", url: src.url }] : [];
    output.push({ type: "web_search_call", id: `ws_${h}${i}`, status: "completed", action });
  }
  const annotations = used.map((s) => {
    const start = text.indexOf(s.url);
    return { type: "url_citation", url: `${s.url}${s.url.includes("?") ? "&" : "?"}utm_source=openai`, title: s.title, start_index: start, end_index: start + s.url.length };
  });
  output.push({
    type: "message",
    id: `msg_${h}`,
    status: "completed",
    role: "assistant",
    content: [{ type: "output_text", text, annotations, logprobs: [] }],
  });
  // Token counts shaped like the real bill: prompt + schema, search content per search, answer.
  const input_tokens = Math.ceil(input.length / 4) + 600 + 2_000 * searches;
  const reasoning_tokens = 128 * Math.max(1, searches);
  const output_tokens = Math.ceil(text.length / 4) + reasoning_tokens;
  return {
    id: `resp_${h}`,
    object: "response",
    created_at: 1_767_225_600,
    status: "completed",
    model,
    output,
    usage: {
      input_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens,
      output_tokens_details: { reasoning_tokens },
      total_tokens: input_tokens + output_tokens,
    },
  };
}

function oaiError(c: Context, status: 400 | 401 | 404 | 429 | 500 | 503, message: string, type: string, code: string | null, headers?: Record<string, string>): Response {
  return c.json({ error: { message, type, param: null, code } }, status, headers);
}

/** null = the fault is answered by the normal path (no_match, schema_violation). */
async function faultResponse(c: Context, fault: Fault, hangMs: number, model: string): Promise<Response | null> {
  const retry = { "Retry-After": String(RESERVED_RETRY_AFTER_SEC) };
  switch (fault) {
    case "rate_limited":
      return oaiError(c, 429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded", retry);
    case "quota_exhausted":
      return oaiError(c, 429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota");
    case "forbidden":
      return oaiError(c, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    case "server_error":
      return oaiError(c, 500, "The server had an error while processing your request.", "server_error", null);
    case "unavailable":
      return oaiError(c, 503, "The engine is currently overloaded, please try again later.", "server_error", "overloaded", retry);
    case "timeout":
      await sleep(hangMs, c.req.raw.signal);
      return oaiError(c, 500, "timed out", "server_error", null);
    case "malformed_json":
      return c.body('{"id": "resp_trunc", "object": "response", "output": [{"type": "mess', 200, { "Content-Type": "application/json" });
    case "schema_violation":
      return c.json({
        id: "resp_schema", object: "response", status: "completed", model,
        output: [{ type: "message", id: "msg_schema", status: "completed", role: "assistant", content: [{ type: "output_text", text: '{"found":"yes","phones":"(555) 010-0002"}', annotations: [] }] }],
        usage: { input_tokens: 700, input_tokens_details: { cached_tokens: 0 }, output_tokens: 40, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 740 },
      });
    case "no_match":
      return null;
  }
}
