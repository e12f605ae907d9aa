import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { UsdAmount } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { ErrorSchema, errorResponses } from "../../http/openapi-errors.ts";
import { paymentInfo, X402PaymentRequiredSchema } from "../../http/payment-info.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { deposit } from "../../services/billing/deposits.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";

const Body = z.object({
  amount_usd: UsdAmount.openapi({
    type: ["number", "string"],
    example: "10.00",
    description: "USD to add to the virtual balance (default bounds $1–$500); paid in USDC with x402 `exact`",
  }),
});

const Deposited = z
  .object({
    deposited_usd: z.number(),
    match_usd: z.number().describe("Deposit match promo credit (0 when the promo is off or its cap is used)"),
    virtual_balance_usd: z.number(),
    transaction: z.string().describe("Settlement transaction hash"),
  })
  .openapi("Deposit");

const route = createRoute({
  method: "post",
  path: "/api/v1/agents/deposits",
  operationId: "createDeposit",
  tags: ["agents"],
  summary: "Top up the virtual balance with an x402 payment of the amount you name",
  description:
    "Without PAYMENT-SIGNATURE: 402 PAYMENT_REQUIRED whose accepts[] is an `exact` USDC requirement for exactly " +
    "amount_usd. Retry with the signed authorization: it is settled and credited to the agent's balance.",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("agents.deposits"),
  middleware: [requireBearer({ routeId: "agents.deposits" })] as const,
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: {
    200: {
      description: "Deposited; PAYMENT-RESPONSE carries the settlement",
      headers: z.object({ "payment-response": z.string() }),
      content: { "application/json": { schema: Deposited } },
    },
    401: { description: "No or invalid bearer", content: { "application/json": { schema: ErrorSchema } } },
    402: {
      description:
        "PAYMENT_REQUIRED (pay `accepts[]`, an `exact` requirement for exactly amount_usd, and retry with " +
        "PAYMENT-SIGNATURE), PAYMENT_INVALID (refused or replayed payment) or ALLOWANCE_EXCEEDED",
      headers: z.object({ "payment-required": z.string().describe("base64 JSON of the x402 PaymentRequired object") }),
      content: { "application/json": { schema: X402PaymentRequiredSchema } },
    },
    ...errorResponses,
  },
});

export function registerDeposits(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const answer = await deposit(c, c.req.valid("json").amount_usd);
    return c.json(answer.body, 200, answer.headers);
  });
}
