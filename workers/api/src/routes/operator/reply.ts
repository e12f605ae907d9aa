import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireOperator } from "../../middleware/operator.ts";
import { replyToTicket } from "../../services/support.ts";
import { TicketDetailView, TicketIdParam, ticketView } from "../support/schemas.ts";

const Body = z.object({
  reply: z.string().trim().min(1).max(10_000).describe("Shown to the agent on its ticket; replaces an earlier reply"),
  close: z.boolean().default(false).describe("Close an open ticket with this answer"),
});

const route = createRoute({
  method: "post",
  path: "/api/v1/operator/tickets/{ticket_id}/reply",
  hide: true,
  tags: ["operator"],
  summary: "Answer a support ticket (and optionally close it); the agent reads the reply on its ticket",
  middleware: [requireOperator] as const,
  request: { params: TicketIdParam, body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: { 200: { description: "The ticket as its agent now sees it", content: { "application/json": { schema: TicketDetailView } } }, ...errorResponses },
});

export function registerTicketReply(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { reply, close } = c.req.valid("json");
    return c.json(ticketView(await replyToTicket(c.env.DB, c.req.valid("param").ticket_id, { text: reply, close })), 200);
  });
}
