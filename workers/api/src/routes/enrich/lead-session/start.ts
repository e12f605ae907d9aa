import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { errorResponses } from "../../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../../http/payment-info.ts";
import { requestedBudget } from "../../../services/lead-session/budget.ts";
import { runPaidLeadSessionTurn } from "../../../services/lead-session/paid-turn.ts";
import { bearerSecurity } from "../../../http/openapi-security.ts";
import { LeadSessionBody, LeadSessionResult, SESSION_BUDGET_HEADER } from "../../../schemas/lead-session.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/lead-session",
  operationId: "enrichLeadSession",
  tags: ["enrich"],
  summary: "Agentic multi-tool enrichment of one CRM lead into a lead_enrichment_v1 graph ($1.500 base on match; COGS × 1.30 above it, up to budget_usd)",
  description:
    "Starts a session from a free-form `lead`, or continues an interactive one with `session_id` + `prompt`. " +
    "The balance path holds the budget and captures the session charge; the x402 path pays the $1.50 base per turn, which then caps the turn.",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.lead_session"),
  request: { body: { content: { "application/json": { schema: LeadSessionBody } }, required: true } },
  responses: {
    200: { description: "The graph with provenance, rounds used, cost and a billing block", content: { "application/json": { schema: LeadSessionResult } } },
    ...paidRouteResponses("enrich.lead_session"),
    ...errorResponses,
  },
});

export function registerLeadSessionStart(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const paid = await runPaidLeadSessionTurn(c, { ...body, budget: requestedBudget(c.req.header(SESSION_BUDGET_HEADER), body.budget_usd) });
    return c.json(paid.body, 200, paid.headers);
  });
}
