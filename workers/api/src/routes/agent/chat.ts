import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { chatCapabilities, chatDispatch } from "../../services/chat/capabilities.ts";
import { enabledCatalogRoutes } from "../../services/catalog-routes.ts";
import { runChatTurn } from "../../services/chat/turn.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { ChatRequest } from "./schemas.ts";

const DEFAULT_MAX_SPEND = 1_000_000;

const route = createRoute({
  method: "post",
  path: "/api/v1/agent/chat",
  operationId: "agentChat",
  tags: ["agent"],
  summary: "One turn with the hosted enrich agent, streamed as Server-Sent Events",
  description:
    "The agent picks tools from the message (the same capabilities as the API and the MCP server) and runs them on your balance, " +
    "each billed like its route. A paid call that would hold more than `max_spend_usd` in this turn is not run: the turn ends asking " +
    "for confirmation, and `{conversation_id, confirm: true}` runs it. The stream is the AI SDK UI message stream; its last `data-turn` " +
    "event carries the turn's billing (model tokens at cost ×1.30, see /pricing).",
  security: bearerSecurity,
  request: { body: { content: { "application/json": { schema: ChatRequest } }, required: true } },
  responses: {
    200: { description: "text/event-stream of UI message chunks, ending with data-turn, finish and [DONE]", content: { "text/event-stream": { schema: { type: "string" } } } },
    ...errorResponses,
  },
});

export function registerAgentChat(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const config = c.get("config");
    const enabled = await enabledCatalogRoutes(c.env.DB, config);
    return runChatTurn(
      c,
      { capabilities: chatCapabilities(app, enabled), dispatch: chatDispatch(app, c) },
      {
        conversationId: body.conversation_id,
        message: body.message,
        confirm: body.confirm,
        maxSpend: body.max_spend_usd ?? DEFAULT_MAX_SPEND,
        maxTools: config.CHAT_TOOLS_PER_TURN,
      },
    ) as never;
  });
}
