import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { toUsd } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireOperator } from "../../middleware/operator.ts";
import { confirmBug, TICKET_ID } from "../../services/support.ts";

const route = createRoute({
  method: "post",
  path: "/api/v1/operator/tickets/{ticket_id}/confirm-bug",
  hide: true,
  tags: ["operator"],
  summary: "Confirm a bug ticket: credits its agent $1.00, once",
  middleware: [requireOperator] as const,
  request: { params: z.object({ ticket_id: z.string().regex(TICKET_ID) }) },
  responses: {
    200: {
      description: "Confirmed and credited",
      content: {
        "application/json": {
          schema: z.object({
            ticket_id: z.string(),
            status: z.literal("confirmed"),
            agent_id: z.string(),
            credited_usd: z.number(),
            confirmed_at: z.string(),
            virtual_balance_usd: z.number(),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

export function registerConfirmBug(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const done = await confirmBug(c.env, c.req.valid("param").ticket_id);
    c.get("log").agentId = done.agent_id;
    return c.json(
      {
        ticket_id: done.ticket_id,
        status: done.status,
        agent_id: done.agent_id,
        credited_usd: toUsd(done.credited_usd_micros),
        confirmed_at: done.confirmed_at,
        virtual_balance_usd: toUsd(done.balance_after),
      },
      200,
    );
  });
}
