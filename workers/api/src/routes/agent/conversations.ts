import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, toUsd } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { deleteConversation, listConversations, loadConversation } from "../../services/chat/conversations.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { CONVERSATION_ID, ConversationDetail, ConversationSummary } from "./schemas.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const Params = z.object({ conversation_id: z.string().regex(CONVERSATION_ID, "a conversation id (cv_…)") });

const list = createRoute({
  method: "get",
  path: "/api/v1/agent/conversations",
  operationId: "listConversations",
  tags: ["agent"],
  summary: "Your conversations with the enrich agent, most recent first",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25) }) },
  responses: {
    200: { description: "Conversations", content: { "application/json": { schema: z.object({ conversations: z.array(ConversationSummary) }) } } },
    ...errorResponses,
  },
});

const get = createRoute({
  method: "get",
  path: "/api/v1/agent/conversations/{conversation_id}",
  operationId: "getConversation",
  tags: ["agent"],
  summary: "One conversation: every turn with its tools, results and cost",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  request: { params: Params },
  responses: {
    200: { description: "The conversation", content: { "application/json": { schema: ConversationDetail } } },
    ...errorResponses,
  },
});

const del = createRoute({
  method: "delete",
  path: "/api/v1/agent/conversations/{conversation_id}",
  operationId: "deleteConversation",
  tags: ["agent"],
  summary: "Delete a conversation and its messages",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  request: { params: Params },
  responses: {
    200: { description: "Deleted", content: { "application/json": { schema: z.object({ deleted: z.literal(true), conversation_id: z.string() }) } } },
    ...errorResponses,
  },
});

export function registerConversations(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const rows = await listConversations(c.env.DB, c.get("principal").agentId, c.req.valid("query").limit);
    return c.json(
      {
        conversations: rows.map((r) => ({
          conversation_id: r.id,
          title: r.title,
          awaiting_confirmation: r.awaiting_confirmation === 1,
          created_at: iso(r.created_at),
          updated_at: iso(r.updated_at),
        })),
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const convo = await loadConversation(c.env.DB, c.get("principal").agentId, c.req.valid("param").conversation_id);
    const first = convo.messages[0]?.created_at ?? Date.now();
    const last = convo.messages.at(-1)?.created_at ?? first;
    return c.json(
      {
        conversation_id: convo.id,
        title: convo.title,
        awaiting_confirmation: convo.pending !== null,
        created_at: iso(first),
        updated_at: iso(last),
        pending: convo.pending ? { tool: convo.pending.tool, input: convo.pending.input, max_usd: toUsd(convo.pending.max_micros) } : null,
        messages: convo.messages.map((m) => ({
          seq: m.seq,
          role: m.role,
          text: m.text,
          ...(m.role === "assistant" ? { tools: m.tools, turn: m.turn } : {}),
          created_at: iso(m.created_at),
        })),
      },
      200,
    );
  });

  app.openapi(del, async (c) => {
    const id = c.req.valid("param").conversation_id;
    if (!(await deleteConversation(c.env.DB, c.get("principal").agentId, id))) {
      throw new ApiError("NOT_FOUND", "no such conversation", { details: { conversation_id: id } });
    }
    return c.json({ deleted: true as const, conversation_id: id }, 200);
  });
}
