import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { openTicket, TICKET_CATEGORIES } from "../../services/support.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { Billing } from "../../schemas/billing.ts";

export const Body = z.object({
  category: z.enum(TICKET_CATEGORIES).openapi({ example: "bug" }),
  subject: z.string().trim().min(1).max(200).openapi({ example: "websearch returned a closed business" }),
  body: z.string().trim().min(1).max(10_000).describe("What happened; quote request ids (X-Request-Id) where you can"),
});

export const Ticket = z
  .object({
    ticket_id: z.string().openapi({ example: "tk_4Jx0aQ7LrWm2c9TbE1sZ" }),
    status: z.literal("open"),
    category: z.enum(TICKET_CATEGORIES),
    created_at: z.string(),
  })
  .openapi("SupportTicket");

export const route = createRoute({
  method: "post",
  path: "/api/v1/support/tickets",
  operationId: "createSupportTicket",
  tags: ["support"],
  summary: "Open a support ticket ($0.010); a bug an operator confirms earns a $1.00 credit",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("support.tickets"),
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: {
    200: { description: "The ticket, with a billing block", content: { "application/json": { schema: Ticket.extend({ billing: Billing }) } } },
    ...paidRouteResponses("support.tickets"),
    ...errorResponses,
  },
});

export function registerSupportTickets(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    // Validated by the route before paidCall: a bad category is a free 400.
    const input = c.req.valid("json");
    const paid = await paidCall(c, { routeId: "support.tickets" }, async ({ principal }) => ({
      matched: true,
      body: await openTicket(c.env.DB, {
        ...input,
        agentId: principal?.agentId ?? null,
        keyId: principal?.keyId ?? null,
        requestId: c.get("requestId"),
      }),
    }));
    return c.json(paid.body, 200, paid.headers);
  });
}
