import { ApiError, newConversationId } from "@411data/core";
import type { ModelMessage } from "ai";
import type { PendingCall, ToolOutput } from "./tools.ts";

// Conversations live in D1 per agent (migration 0060). A turn stores the user's words and the
// assistant's answer with every tool it ran; the model's message list is rebuilt from those rows.

export interface ToolRecord {
  id: string;
  name: string;
  input: unknown;
  output: ToolOutput;
}

export interface TurnRecord {
  model: string;
  input_tokens: number;
  output_tokens: number;
  charged_usd: number;
  tools_charged_usd: number;
}

export type StoredMessage =
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; tools: ToolRecord[]; turn: TurnRecord | null };

export interface Conversation {
  id: string;
  agentId: string;
  title: string;
  pending: PendingCall | null;
  messages: (StoredMessage & { seq: number; created_at: number })[];
}

interface ConversationRow {
  id: string;
  agent_id: string;
  title: string;
  pending: string | null;
  created_at: number;
  updated_at: number;
}

export async function loadConversation(db: D1Database, agentId: string, id: string): Promise<Conversation> {
  const row = await db.prepare("SELECT * FROM chat_conversations WHERE id = ? AND agent_id = ?").bind(id, agentId).first<ConversationRow>();
  // Another agent's conversation is as absent as one that never existed.
  if (!row) throw new ApiError("NOT_FOUND", "no such conversation", { details: { conversation_id: id } });
  const { results } = await db
    .prepare("SELECT seq, content, created_at FROM chat_messages WHERE conversation_id = ? ORDER BY seq")
    .bind(id)
    .all<{ seq: number; content: string; created_at: number }>();
  return {
    id: row.id,
    agentId: row.agent_id,
    title: row.title,
    pending: row.pending ? (JSON.parse(row.pending) as PendingCall) : null,
    messages: results.map((r) => ({ ...(JSON.parse(r.content) as StoredMessage), seq: r.seq, created_at: r.created_at })),
  };
}

export async function createConversation(db: D1Database, agentId: string, firstMessage: string): Promise<Conversation> {
  const id = newConversationId();
  const now = Date.now();
  const title = firstMessage.replace(/\s+/g, " ").trim().slice(0, 80);
  await db.prepare("INSERT INTO chat_conversations (id, agent_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").bind(id, agentId, title, now, now).run();
  return { id, agentId, title, pending: null, messages: [] };
}

/** Appends the turn's messages and sets (or clears) the pending confirmation in one batch. */
export async function appendTurn(db: D1Database, convo: Conversation, requestId: string, messages: StoredMessage[], pending: PendingCall | null) {
  const now = Date.now();
  let seq = convo.messages.at(-1)?.seq ?? 0;
  await db.batch([
    ...messages.map((m) =>
      db
        .prepare("INSERT INTO chat_messages (conversation_id, seq, agent_id, role, content, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(convo.id, ++seq, convo.agentId, m.role, JSON.stringify(m), requestId, now),
    ),
    db.prepare("UPDATE chat_conversations SET pending = ?, updated_at = ? WHERE id = ?").bind(pending ? JSON.stringify(pending) : null, now, convo.id),
  ]);
}

export async function countRecentTurns(db: D1Database, agentId: string, sinceMs: number): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE agent_id = ? AND role = 'user' AND created_at > ?")
    .bind(agentId, sinceMs)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function listConversations(db: D1Database, agentId: string, limit: number) {
  const { results } = await db
    .prepare("SELECT id, title, pending IS NOT NULL AS awaiting_confirmation, created_at, updated_at FROM chat_conversations WHERE agent_id = ? ORDER BY updated_at DESC LIMIT ?")
    .bind(agentId, limit)
    .all<{ id: string; title: string; awaiting_confirmation: number; created_at: number; updated_at: number }>();
  return results;
}

export async function deleteConversation(db: D1Database, agentId: string, id: string): Promise<boolean> {
  const [msgs, convo] = await db.batch([
    db.prepare("DELETE FROM chat_messages WHERE conversation_id IN (SELECT id FROM chat_conversations WHERE id = ? AND agent_id = ?)").bind(id, agentId),
    db.prepare("DELETE FROM chat_conversations WHERE id = ? AND agent_id = ?").bind(id, agentId),
  ]);
  void msgs;
  return (convo?.meta.changes ?? 0) > 0;
}

// Tool results go back to the model trimmed: a lead graph can be large, and the model needs the
// gist to answer, not every provenance record (the full result stays in the stored turn).
const MAX_TOOL_RESULT_CHARS = 8_000;

function forModel(output: ToolOutput): ToolOutput {
  const text = JSON.stringify(output);
  if (text.length <= MAX_TOOL_RESULT_CHARS) return output;
  return JSON.parse(JSON.stringify(output, (_k, v) => (Array.isArray(v) && v.length > 5 ? v.slice(0, 5) : v))) as ToolOutput;
}

export function toModelMessages(stored: StoredMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const m of stored) {
    if (m.role === "user") {
      out.push({ role: "user", content: m.text });
      continue;
    }
    if (m.tools.length > 0) {
      out.push({ role: "assistant", content: m.tools.map((t) => ({ type: "tool-call" as const, toolCallId: t.id, toolName: t.name, input: t.input })) });
      out.push({
        role: "tool",
        content: m.tools.map((t) => ({ type: "tool-result" as const, toolCallId: t.id, toolName: t.name, output: { type: "json" as const, value: forModel(t.output) as any } })),
      });
    }
    if (m.text) out.push({ role: "assistant", content: m.text });
  }
  return out;
}
