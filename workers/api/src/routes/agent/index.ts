import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerAgentChat } from "./chat.ts";
import { registerConversations } from "./conversations.ts";

/** The hosted enrich agent: chat turns and the stored conversations. */
export function registerAgentChatRoutes(app: OpenAPIHono<AppEnv>) {
  registerAgentChat(app);
  registerConversations(app);
}
