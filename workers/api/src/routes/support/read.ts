import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { PageQuery } from "../../http/page-cursor.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { getTicket, listTickets } from "../../services/support.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { TicketDetailView, TicketIdParam, ticketView } from "./schemas.ts";

const TicketPage = z.object({ tickets: z.array(TicketDetailView), next_cursor: z.string().nullable() }).openapi("SupportTicketPage");

const common = { tags: ["support"], security: bearerSecurity, middleware: requireBearer() };

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/v1/support/tickets",
  operationId: "listSupportTickets",
  summary: "Your support tickets, newest first: status, the operator's reply, the credit of a confirmed bug",
  description: "A usage key sees the tickets it opened; the agent bearer sees all of the agent's. Free.",
  request: { query: PageQuery },
  responses: { 200: { description: "A page of tickets", content: { "application/json": { schema: TicketPage } } }, ...errorResponses },
});

const one = createRoute({
  ...common,
  method: "get",
  path: "/api/v1/support/tickets/{ticket_id}",
  operationId: "getSupportTicket",
  summary: "One of your support tickets: status, the operator's reply, the credit of a confirmed bug",
  request: { params: TicketIdParam },
  responses: { 200: { description: "The ticket", content: { "application/json": { schema: TicketDetailView } } }, ...errorResponses },
});

export function registerSupportReads(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { agentId, keyId } = c.get("principal");
    const page = await listTickets(c.env.DB, { agentId, keyId }, c.req.valid("query"));
    return c.json({ tickets: page.tickets.map(ticketView), next_cursor: page.next_cursor }, 200);
  });

  app.openapi(one, async (c) => {
    const { agentId, keyId } = c.get("principal");
    return c.json(ticketView(await getTicket(c.env.DB, { agentId, keyId }, c.req.valid("param").ticket_id)), 200);
  });
}
