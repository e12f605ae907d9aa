import { api, ApiFailure, call, failureOf } from "../lib/api.ts";
import { $, el, must, show, usd } from "../lib/dom.ts";
import { session } from "../lib/session.ts";
import { sseData } from "../lib/sse.ts";
import { clearError, fail, say } from "../lib/notice.ts";
import { assistantMessage, userMessage, type AssistantView, type ToolOutput } from "./render.ts";

// /enrich_agent: one turn is one POST to /api/v1/agent/chat, read as it streams. The open
// conversation's id rides in the URL (it is not a secret) so a reload reopens it.

interface Summary {
  conversation_id: string;
  title: string;
  awaiting_confirmation: boolean;
  updated_at: string;
}
interface StoredMessage {
  role: "user" | "assistant";
  text: string;
  tools?: { id: string; name: string; input: unknown; output: ToolOutput }[];
  turn?: { charged_usd: number; tools_charged_usd: number } | null;
}
interface Conversation extends Summary {
  pending: { tool: string; input: unknown; max_usd: number } | null;
  messages: StoredMessage[];
}

const thread = must<HTMLOListElement>("thread");
const form = must<HTMLFormElement>("chat-form");
const message = must<HTMLTextAreaElement>("message");
const maxSpend = must<HTMLInputElement>("max-spend");
const confirmBox = must("confirm-box");
const confirmRun = must<HTMLButtonElement>("confirm-run");
let current: string | null = new URLSearchParams(location.search).get("conversation");
let busy = false;

function setCurrent(id: string | null, title?: string): void {
  current = id;
  const url = new URL(location.href);
  if (id) url.searchParams.set("conversation", id);
  else url.searchParams.delete("conversation");
  history.replaceState(null, "", url);
  must("thread-h").textContent = title ?? (id ? "Conversation" : "New conversation");
  for (const li of must("convo-list").children) {
    const open = li.querySelector("button.open");
    if (open) open.toggleAttribute("aria-current", li.getAttribute("data-id") === id);
  }
}

function askToConfirm(tool: string, maxUsd: number): void {
  must("confirm-text").textContent = `The agent stopped before ${tool}: it can cost up to ${usd(maxUsd)}, above this turn's spend limit. Nothing was charged for it yet.`;
  confirmRun.textContent = `Run it for ${usd(maxUsd)}`;
  show(confirmBox);
}

// ── account ─────────────────────────────────────────────────────────────────────────────
async function loadBalance(): Promise<void> {
  const b = await api<{ virtual_balance_usd: number }>("/api/v1/agents/balance", { bearer: session.get() });
  must("balance").textContent = usd(b.virtual_balance_usd);
}

async function loadList(): Promise<void> {
  const { conversations } = await api<{ conversations: Summary[] }>("/api/v1/agent/conversations", { bearer: session.get() });
  const list = must("convo-list");
  list.replaceChildren(
    ...conversations.map((c) => {
      const open = el("button", { type: "button", class: "open link" }, c.title || c.conversation_id);
      if (c.conversation_id === current) open.setAttribute("aria-current", "true");
      open.addEventListener("click", () => void guarded(() => openConversation(c.conversation_id))());
      const del = el("button", { type: "button", class: "secondary small", "aria-label": `Delete "${c.title}"` }, "Delete");
      del.addEventListener("click", () =>
        void guarded(async () => {
          await api(`/api/v1/agent/conversations/${encodeURIComponent(c.conversation_id)}`, { method: "DELETE", bearer: session.get() });
          if (current === c.conversation_id) startNew();
          say(`Deleted "${c.title}".`);
          await loadList();
        })(),
      );
      const when = new Date(c.updated_at).toLocaleString([], { dateStyle: "short", timeStyle: "short" });
      const meta = el("div", { class: "meta" }, el("span", { class: "hint" }, c.awaiting_confirmation ? "waiting for you" : when), del);
      return el("li", { "data-id": c.conversation_id }, open, meta);
    }),
  );
  show($("convo-none"), conversations.length === 0);
}

// ── a conversation ──────────────────────────────────────────────────────────────────────
function startNew(): void {
  thread.replaceChildren();
  show(confirmBox, false);
  setCurrent(null);
  message.focus();
}

async function openConversation(id: string): Promise<void> {
  const convo = await api<Conversation>(`/api/v1/agent/conversations/${encodeURIComponent(id)}`, { bearer: session.get() });
  thread.replaceChildren();
  for (const m of convo.messages) {
    if (m.role === "user") {
      thread.append(userMessage(m.text));
      continue;
    }
    const view = assistantMessage();
    for (const t of m.tools ?? []) {
      view.addTool(t.id, t.name, t.input);
      view.toolOutput(t.id, t.output);
    }
    view.setText(m.text);
    if (m.turn) view.setCost(m.turn);
    thread.append(view.item);
  }
  setCurrent(convo.conversation_id, convo.title);
  if (convo.pending) askToConfirm(convo.pending.tool, convo.pending.max_usd);
  else show(confirmBox, false);
}

/** Sends one turn and draws it as it streams. */
async function turn(body: Record<string, unknown>, userText: string): Promise<void> {
  show(confirmBox, false);
  thread.append(userMessage(userText));
  const view: AssistantView = assistantMessage();
  thread.append(view.item);
  view.setText("…");
  say("The agent is working…");
  const res = await call("/api/v1/agent/chat", { body, bearer: session.get(), headers: { accept: "text/event-stream" } });
  if (!res.ok) {
    view.item.remove();
    throw await failureOf(res);
  }
  let text = "";
  let failure: ApiFailure | null = null;
  let quote: { tool: string; max_usd: number } | null = null;
  const pendingTools = new Map<string, string>();
  for await (const data of sseData(res)) {
    if (data === "[DONE]") break;
    const event = JSON.parse(data) as Record<string, any>;
    switch (event.type) {
      case "data-conversation":
        if (event.data.conversation_id !== current) setCurrent(event.data.conversation_id, userText.slice(0, 80));
        break;
      case "text-delta":
        text += event.delta;
        view.setText(text);
        break;
      case "tool-input-available":
        pendingTools.set(event.toolCallId, event.toolName);
        view.addTool(event.toolCallId, event.toolName, event.input);
        break;
      case "tool-output-available": {
        const output = event.output as ToolOutput;
        view.toolOutput(event.toolCallId, output);
        // The first quoted call is the one a confirmation runs (the server keeps the same one).
        if (output.status === "needs_confirmation") quote ??= { tool: pendingTools.get(event.toolCallId) ?? "a lookup", max_usd: output.max_usd };
        break;
      }
      case "data-turn":
        view.setCost({ charged_usd: event.data.billing?.charged_usd ?? 0, tools_charged_usd: event.data.tools_charged_usd ?? 0 });
        if (event.data.awaiting_confirmation && quote) askToConfirm(quote.tool, quote.max_usd);
        break;
      case "error":
        failure = new ApiFailure(200, event.code ?? "INTERNAL_ERROR", event.errorText ?? "the turn failed", null);
        break;
    }
  }
  if (!text) view.setText(failure ? "" : "(no answer)");
  say("");
  await Promise.all([loadList(), loadBalance()]);
  if (failure) throw failure;
}

/** Runs a user action once at a time, errors shown in words. */
function guarded(work: () => Promise<void>): () => Promise<void> {
  return async () => {
    if (busy) return;
    busy = true;
    clearError();
    for (const b of [must<HTMLButtonElement>("send"), confirmRun]) b.disabled = true;
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
      for (const b of [must<HTMLButtonElement>("send"), confirmRun]) b.disabled = false;
    }
  };
}

function spendLimit(): number | undefined {
  const raw = maxSpend.value.trim().replace(/^\$/, "");
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 50) throw new Error("The spend limit is a dollar amount from 0 to 50, for example 0.50.");
  return n;
}

function wire(): void {
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void guarded(async () => {
      const text = message.value.trim();
      if (!text) throw new Error("Write a message first.");
      const limit = spendLimit();
      const body: Record<string, unknown> = { message: text, ...(limit !== undefined ? { max_spend_usd: limit } : {}) };
      if (current) body.conversation_id = current;
      message.value = "";
      await turn(body, text);
    })();
  });
  message.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  confirmRun.addEventListener("click", () =>
    void guarded(async () => {
      if (!current) throw new Error("Open the conversation that is waiting first.");
      await turn({ conversation_id: current, confirm: true }, "Confirmed: run it.");
    })(),
  );
  must("new-chat").addEventListener("click", startNew);
  must("forget").addEventListener("click", () => {
    session.forget();
    location.assign("/enrich_agent");
  });
  must<HTMLFormElement>("bearer-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void guarded(async () => {
      const input = must<HTMLInputElement>("bearer-input");
      const bearer = input.value.trim();
      if (!bearer) throw new Error("Paste the bearer first.");
      await api("/api/v1/agents/me", { bearer });
      input.value = "";
      session.set(bearer);
      await start();
    })();
  });
}

async function start(): Promise<void> {
  const has = session.get() !== null;
  show($("no-bearer"), !has);
  show($("workspace"), has);
  if (!has) return;
  try {
    await loadBalance();
  } catch (err) {
    // A bearer that stopped working (rotated, revoked) is dropped from the tab.
    if (err instanceof ApiFailure && err.status === 401) {
      session.forget();
      show($("no-bearer"));
      show($("workspace"), false);
    }
    throw err;
  }
  await loadList();
  if (current) await openConversation(current).catch((err) => (setCurrent(null), fail(err)));
}

wire();
void guarded(start)();
