import { ApiFailure } from "../lib/api.ts";
import { el, usd } from "../lib/dom.ts";
import { explain } from "../lib/messages.ts";

// How a turn looks: the user's words, each tool call as a card (what it was asked, what it found,
// where that came from, what it cost) and the agent's answer. Drawn the same way from the live
// stream and from a stored conversation, and always as text (never parsed as HTML).

export type ToolOutput =
  | { status: "ok"; result: any; cost_usd: number }
  | { status: "error"; error: { code: string; message: string; details?: any } }
  | { status: "needs_confirmation"; max_usd: number; turn_limit_usd: number };

export interface TurnCost {
  /** The model's tokens for this turn. */
  charged_usd: number;
  tools_charged_usd: number;
}

/** **bold** and `code` as elements, everything else as text; newlines kept by CSS. */
export function richText(text: string): Node[] {
  return text
    .split(/(\*\*[^*\n]+\*\*|`[^`\n]+`)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith("**") && part.endsWith("**") && part.length > 4
        ? el("strong", {}, part.slice(2, -2))
        : part.startsWith("`") && part.endsWith("`") && part.length > 2
          ? el("code", {}, part.slice(1, -1))
          : document.createTextNode(part),
    );
}

export function userMessage(text: string): HTMLLIElement {
  return el("li", { class: "msg user" }, el("p", { class: "who" }, "You"), el("p", { class: "said" }, text));
}

export interface AssistantView {
  item: HTMLLIElement;
  setText(text: string): void;
  addTool(id: string, name: string, input: unknown): void;
  toolOutput(id: string, output: ToolOutput): void;
  setCost(cost: TurnCost): void;
}

export function assistantMessage(): AssistantView {
  const tools = el("div", { class: "tools" });
  const answer = el("div", { class: "answer" });
  const cost = el("p", { class: "turn-cost", hidden: "" });
  const item = el("li", { class: "msg assistant" }, el("p", { class: "who" }, "Agent"), tools, answer, cost);
  const cards = new Map<string, ReturnType<typeof toolCard>>();
  return {
    item,
    setText: (text) => answer.replaceChildren(...richText(text)),
    addTool(id, name, input) {
      const card = toolCard(name, input);
      cards.set(id, card);
      tools.append(card.node);
    },
    toolOutput: (id, output) => cards.get(id)?.fill(output),
    setCost({ charged_usd, tools_charged_usd }) {
      const total = Math.round((charged_usd + tools_charged_usd) * 1e6) / 1e6;
      cost.replaceChildren("Turn total: ", el("strong", {}, usd(total)), ` (lookups ${usd(tools_charged_usd)}, model ${usd(charged_usd)})`);
      cost.hidden = false;
    },
  };
}

function toolCard(name: string, input: unknown) {
  const badge = el("span", { class: "badge" }, "running…");
  const result = el("dd", {}, "Running…");
  const provenance = el("dd", {}, "…");
  const cost = el("dd", { class: "cost" }, "…");
  const full = el("details", { hidden: "" });
  const node = el(
    "article",
    { class: "toolcard", "data-tool": name },
    el("h3", {}, el("code", {}, name), " ", badge),
    el(
      "dl",
      { class: "kv" },
      el("dt", {}, "Input"),
      el("dd", {}, el("code", {}, JSON.stringify(input))),
      el("dt", {}, "Result"),
      result,
      el("dt", {}, "Provenance"),
      provenance,
      el("dt", {}, "Cost"),
      cost,
    ),
    full,
  );
  return {
    node,
    fill(output: ToolOutput) {
      if (output.status === "needs_confirmation") {
        badge.textContent = "waiting for you";
        result.textContent = `Not run: it can cost up to ${usd(output.max_usd)}, above the ${usd(output.turn_limit_usd)} left of this turn's limit.`;
        provenance.textContent = "none (not run)";
        cost.textContent = `$0.00 so far; up to ${usd(output.max_usd)} if you confirm`;
        return;
      }
      if (output.status === "error") {
        const { text, next } = explain(new ApiFailure(0, output.error.code, output.error.message, null));
        badge.textContent = "did not run";
        result.replaceChildren(`${text} (${output.error.code})`);
        if (next) result.append(" ", el("a", { href: next.href }, next.label));
        provenance.textContent = "none (not run)";
        cost.textContent = "$0.00 (nothing charged)";
        return;
      }
      const body = output.result ?? {};
      badge.textContent = body.matched === false ? "no match" : "done";
      result.textContent = summary(name, body);
      const sources = sourcesOf(body);
      provenance.textContent = sources.length ? sources.join(", ") : "not given";
      cost.textContent = output.cost_usd > 0 ? usd(output.cost_usd) : "$0.00 (nothing charged)";
      full.replaceChildren(el("summary", {}, "The full answer"), el("pre", { tabindex: "0" }, el("code", {}, JSON.stringify(body, null, 2))));
      full.hidden = false;
    },
  };
}

function summary(name: string, body: any): string {
  if (body.matched === false) return "No match, so nothing was charged.";
  if (name === "get_balance") return `Balance ${usd(body.virtual_balance_usd)} (${usd(body.held_usd)} held).`;
  if (body.ticket_id) return `Support ticket ${body.ticket_id} opened.`;
  const people: any[] = Array.isArray(body.data?.people) ? body.data.people : [];
  if (people.length) {
    const lines = people.slice(0, 5).map((p) => {
      const who = p.names?.[0]?.value?.full ?? p.name ?? "someone";
      const phones = (p.phones ?? []).map((ph: any) => ph.value?.e164 ?? ph.e164 ?? ph).filter((x: unknown) => typeof x === "string");
      return phones.length ? `${who} (${phones.slice(0, 3).join(", ")})` : who;
    });
    return `Matched ${people.length} ${people.length === 1 ? "person" : "people"}: ${lines.join("; ")}.`;
  }
  if (body.graph) {
    const g = body.graph;
    return `Lead filled: ${g.phones?.length ?? 0} phones, ${g.contacts?.length ?? 0} contacts, ${g.entities?.length ?? 0} entities.`;
  }
  if (body.data) return `Matched: ${body.data.phones?.length ?? 0} phones, ${body.data.sources?.length ?? 0} sources.`;
  return "Answered.";
}

/** Every distinct provenance source named anywhere in an answer. */
function sourcesOf(body: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (!v || typeof v !== "object" || depth > 8 || found.size >= 8) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Record<string, unknown>;
    const p = o.provenance as { source?: unknown } | undefined;
    if (p && typeof p.source === "string") found.add(p.source);
    for (const [k, x] of Object.entries(o)) if (k !== "provenance") walk(x, depth + 1);
  };
  walk(body, 0);
  return [...found];
}
