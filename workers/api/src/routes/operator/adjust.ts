import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { UsdAmount } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireOperator } from "../../middleware/operator.ts";
import { adjustBalance } from "../../services/billing/adjust.ts";

const Body = z.object({
  amount_usd: UsdAmount.refine((m) => m > 0, "amount_usd must be above 0"),
  // Debits are captured holds, so they can never take the balance below zero.
  direction: z.enum(["credit", "debit"]).default("credit"),
  memo: z.string().trim().min(1).max(200),
});

const route = createRoute({
  method: "post",
  path: "/api/v1/operator/agents/{agent_id}/adjust",
  hide: true,
  tags: ["operator"],
  summary: "Credit (or debit, never below zero) an agent's virtual balance by hand",
  middleware: [requireOperator] as const,
  request: {
    params: z.object({ agent_id: z.string().regex(/^agt_[0-9A-Za-z]{16,32}$/) }),
    body: { content: { "application/json": { schema: Body } }, required: true },
  },
  responses: {
    200: {
      description: "Adjusted",
      content: {
        "application/json": {
          schema: z.object({
            agent_id: z.string(),
            direction: z.enum(["credit", "debit"]),
            amount_usd: z.number(),
            memo: z.string(),
            virtual_balance_usd: z.number(),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

export function registerAdjust(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { agent_id } = c.req.valid("param");
    const body = c.req.valid("json");
    c.get("log").agentId = agent_id;
    const adjusted = await adjustBalance(c.env, agent_id, {
      amount: body.amount_usd,
      direction: body.direction,
      memo: body.memo,
      requestId: c.get("requestId"),
    });
    return c.json(adjusted, 200);
  });
}
