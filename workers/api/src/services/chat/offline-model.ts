import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";

// The enrich agent's model when no LLM key is configured: `pnpm dev` and the tests run the whole
// chat (tool choice, tool loop, streaming, billing) offline and deterministically. It reads the
// user's message the way a person skimming it would: a phone number, a CRM row, a business, a
// person's name and city, a support request. After tool results it writes a plain summary.
// It only ever calls tools the turn offers, so the server's limits apply to it as to a real model.

interface ToolCall {
  toolName: string;
  input: Record<string, unknown>;
}

const PHONE = /(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})\b/g;
const STATE = /^[A-Za-z]{2}$/;
const BUSINESS_WORDS = /\b(inc|llc|co|corp|company|business|furniture|restaurant|store|shop|services|group|ltd)\b\.?/i;
const LEAD_COLUMNS = ["contact_id", "company", "business_name", "number1", "street", "city", "state", "zip", "email", "dm_name"];

function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const m = prompt[i]!;
    if (m.role === "user") return m.content.map((p) => (p.type === "text" ? p.text : "")).join("\n");
  }
  return "";
}

/** "Name in City, ST" / "Name, City, ST" → its parts (city and state optional). */
function nameAndPlace(text: string): { name: string; city?: string; state?: string } | null {
  const cleaned = text.replace(/^(please\s+)?(find|look\s*up|lookup|research|who\s+is|search(\s+for)?|enrich)\s+/i, "").replace(/[?.!]+$/, "").trim();
  const m = cleaned.match(/^(.+?)(?:\s+in\s+|,\s*)([A-Za-z .'-]+?)(?:,\s*([A-Za-z]{2}))?$/);
  if (m) return { name: m[1]!.trim(), city: m[2]!.trim(), ...(m[3] ? { state: m[3].toUpperCase() } : {}) };
  return cleaned ? { name: cleaned } : null;
}

/** A CRM row pasted as CSV (header + row) or as a JSON object with lead columns. */
function leadRow(text: string): Record<string, string> | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const obj = JSON.parse(trimmed) as Record<string, unknown>;
      if (Object.keys(obj).some((k) => LEAD_COLUMNS.includes(k.toLowerCase()))) {
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
      }
    } catch {
      // not JSON: read it as text below
    }
  }
  const lines = trimmed.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.includes(","));
  if (lines.length < 2) return null;
  const header = lines[0]!.split(",").map((h) => h.trim().toLowerCase());
  if (!header.some((h) => LEAD_COLUMNS.includes(h))) return null;
  const cells = lines[1]!.split(",").map((c) => c.trim());
  return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]).filter(([, v]) => v !== ""));
}

/** What the user asked for, as tool calls the turn offers (several phones → several lookups). */
export function planToolCalls(text: string, offered: ReadonlySet<string>): ToolCall[] {
  const calls: ToolCall[] = [];
  const add = (toolName: string, input: Record<string, unknown>) => {
    if (offered.has(toolName)) calls.push({ toolName, input });
  };
  if (/\b(ticket|bug report|support|complain|refund)\b/i.test(text)) {
    add("open_support_ticket", {
      category: /\bbug\b/i.test(text) ? "bug" : /\b(refund|charge|billing)\b/i.test(text) ? "billing" : "other",
      subject: text.split(/\r?\n/)[0]!.slice(0, 120),
      body: text.slice(0, 4000),
    });
    return calls;
  }
  const lead = leadRow(text);
  if (lead) {
    add("enrich_lead_session", { lead, mode: "auto" });
    return calls;
  }
  const phones = [...text.matchAll(PHONE)].map((m) => `+1${m[1]}${m[2]}${m[3]}`);
  if (phones.length > 0) {
    for (const phone of [...new Set(phones)].slice(0, 3)) add("enrich_phone", { phone });
    return calls;
  }
  if (/\bbalance\b/i.test(text)) {
    add("get_balance", {});
    return calls;
  }
  const who = nameAndPlace(text);
  if (!who || who.name.split(/\s+/).length > 8) return calls;
  if (BUSINESS_WORDS.test(who.name) || /\b(research|business|company)\b/i.test(text)) {
    add("enrich_websearch", {
      business_name: who.name,
      ...(who.city ? { city: who.city } : {}),
      ...(who.state && STATE.test(who.state) ? { state: who.state } : {}),
    });
  } else if (who.name.split(/\s+/).length >= 2 && who.name.split(/\s+/).length <= 4) {
    add("enrich_person", {
      name: who.name,
      ...(who.city ? { city: who.city } : {}),
      ...(who.state ? { state_code: who.state } : {}),
    });
  }
  return calls;
}

interface ToolOutcome {
  toolName: string;
  value: unknown;
}

function toolOutcomes(prompt: LanguageModelV4Prompt): ToolOutcome[] {
  const out: ToolOutcome[] = [];
  // The results since the last user message: what this turn's tools answered.
  for (let i = prompt.length - 1; i >= 0; i--) {
    const m = prompt[i]!;
    if (m.role === "user") break;
    if (m.role !== "tool") continue;
    for (const part of m.content) {
      if (part.type !== "tool-result") continue;
      const value = part.output.type === "json" ? part.output.value : part.output.type === "text" ? part.output.value : null;
      out.unshift({ toolName: part.toolName, value });
    }
  }
  return out;
}

const usd = (n: unknown) => (typeof n === "number" ? `$${n.toFixed(n < 0.1 && n > 0 ? 3 : 2)}` : "$0.00");

/** The fields a person line shows, as `data.people[]` carries them (each value with provenance). */
interface PersonLike {
  names?: { value: { full: string } }[];
  phones?: { value: { e164: string; line_type: string } }[];
  addresses?: { value: { city: string | null; state_code: string | null }; provenance: { source: string } }[];
}

function personLine(p: PersonLike): string {
  const name = p.names?.[0]?.value.full ?? "someone";
  const phone = p.phones?.[0] ? `${p.phones[0].value.e164} (${p.phones[0].value.line_type})` : undefined;
  const addr = p.addresses?.[0];
  const place = addr ? [addr.value.city, addr.value.state_code].filter(Boolean).join(", ") : "";
  const source = addr?.provenance.source;
  return [name, phone, place, source ? `source: ${source}` : ""].filter(Boolean).join(" · ");
}

/** One paragraph per tool result: what matched, what it cost, or what to do next. */
export function summarize(outcomes: ToolOutcome[]): string {
  const lines: string[] = [];
  for (const { toolName, value } of outcomes) {
    const v = (value ?? {}) as Record<string, any>;
    if (v.status === "needs_confirmation") {
      lines.push(`**${toolName}** can cost up to ${usd(v.max_usd)}, above what you allowed for this turn (${usd(v.turn_limit_usd)} left). Confirm and I will run it.`);
      continue;
    }
    if (v.status === "error") {
      lines.push(`**${toolName}** did not run: ${v.error?.message ?? "error"} (\`${v.error?.code ?? "ERROR"}\`).${v.error?.details?.next_action ? ` Next: ${v.error.details.next_action}.` : ""} Nothing was charged for it.`);
      continue;
    }
    const body = (v.result ?? {}) as Record<string, any>;
    const cost = `charged ${usd(body.billing?.charged_usd)}`;
    if (toolName === "get_balance") {
      lines.push(`Your balance is ${usd(body.virtual_balance_usd)} (${usd(body.held_usd)} held).`);
    } else if (toolName === "open_support_ticket") {
      lines.push(`Opened support ticket \`${body.ticket_id}\` (${cost}).`);
    } else if (body.matched === false) {
      lines.push(`**${toolName}**: no match, so nothing was charged.`);
    } else if (Array.isArray(body.data?.people)) {
      const people = (body.data.people as PersonLike[]).slice(0, 5).map((p) => `- ${personLine(p)}`);
      lines.push(`**${toolName}** matched (${cost}):\n${people.join("\n")}`);
    } else if (body.graph) {
      const g = body.graph as Record<string, any[]>;
      lines.push(`**${toolName}** filled the lead (${cost}): ${g.phones?.length ?? 0} phones, ${g.contacts?.length ?? 0} contacts, ${g.entities?.length ?? 0} entities in ${body.rounds_used ?? "?"} rounds.`);
    } else if (body.data) {
      const d = body.data as Record<string, any[]>;
      const people = (d.people ?? []).slice(0, 5).map((p: any) => `- ${p.name}${p.title ? `, ${p.title}` : ""}`);
      lines.push(`**${toolName}** found ${d.phones?.length ?? 0} phones, ${d.people?.length ?? 0} people and ${d.sources?.length ?? 0} sources (${cost}):\n${people.join("\n")}`);
    } else {
      lines.push(`**${toolName}** answered (${cost}).`);
    }
  }
  return lines.join("\n\n");
}

const HELP =
  "Send me a phone number, a person's name with a city and state, a business name with its city, " +
  "a CRM row (CSV header and row, or JSON), or ask me to open a support ticket. I quote what a lookup can cost before I spend above your per-turn limit.";

function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function usage(input: number, output: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  } as LanguageModelV4Usage;
}

function respond(options: LanguageModelV4CallOptions): { content: LanguageModelV4Content[]; usage: LanguageModelV4Usage; toolCalls: boolean } {
  const promptChars = JSON.stringify(options.prompt).length;
  const last = options.prompt.at(-1);
  if (last?.role === "tool") {
    const text = summarize(toolOutcomes(options.prompt));
    return { content: [{ type: "text", text }], usage: usage(tokens(promptChars), tokens(text.length)), toolCalls: false };
  }
  const offered = new Set((options.tools ?? []).map((t) => t.name));
  const calls = planToolCalls(lastUserText(options.prompt), offered);
  if (calls.length === 0) {
    return { content: [{ type: "text", text: HELP }], usage: usage(tokens(promptChars), tokens(HELP.length)), toolCalls: false };
  }
  const content: LanguageModelV4Content[] = calls.map((call, i) => ({
    type: "tool-call",
    toolCallId: `call_${i + 1}_${call.toolName}`,
    toolName: call.toolName,
    input: JSON.stringify(call.input),
  }));
  return { content, usage: usage(tokens(promptChars), tokens(JSON.stringify(calls).length)), toolCalls: true };
}

export function offlineModel(): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "411data-offline",
    modelId: "offline-enrich-agent",
    supportedUrls: {},
    async doGenerate(options) {
      const r = respond(options);
      return {
        content: r.content,
        finishReason: { unified: r.toolCalls ? "tool-calls" : "stop", raw: undefined },
        usage: r.usage,
        warnings: [],
      };
    },
    async doStream(options) {
      const r = respond(options);
      const parts: LanguageModelV4StreamPart[] = [{ type: "stream-start", warnings: [] }];
      for (const c of r.content) {
        if (c.type === "text") {
          parts.push({ type: "text-start", id: "t0" });
          // Word-sized deltas so the page shows the answer as it streams.
          for (const piece of c.text.match(/\S+\s*/g) ?? [c.text]) parts.push({ type: "text-delta", id: "t0", delta: piece });
          parts.push({ type: "text-end", id: "t0" });
        } else {
          parts.push(c as LanguageModelV4StreamPart);
        }
      }
      parts.push({ type: "finish", usage: r.usage, finishReason: { unified: r.toolCalls ? "tool-calls" : "stop", raw: undefined } });
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const p of parts) controller.enqueue(p);
            controller.close();
          },
        }),
      };
    },
  };
}
