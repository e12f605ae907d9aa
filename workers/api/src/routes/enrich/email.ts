import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { requireCatalogRoute } from "../../services/catalog-routes.ts";
import { lookupPeople, peopleWork } from "../../services/lookup.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { Billing } from "../../schemas/billing.ts";
import { EmailBody } from "../../schemas/email.ts";
import { PeopleResult } from "../../schemas/people.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/email",
  operationId: "enrichEmail",
  tags: ["enrich"],
  summary: "Email enrichment: the person behind an address ($0.100, billed on match; catalog tier)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.email"),
  middleware: [requireCatalogRoute("enrich.email")] as const,
  request: { body: { content: { "application/json": { schema: EmailBody } }, required: true } },
  responses: {
    200: { description: "Result (matched or not) with a billing block", content: { "application/json": { schema: PeopleResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.email"),
    ...errorResponses,
  },
});

export function registerEnrichEmail(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { email } = c.req.valid("json");
    const paid = await paidCall(c, { routeId: "enrich.email" }, async () => peopleWork(await lookupPeople(c, { mode: "email", email }), null));
    return c.json(paid.body, 200, paid.headers);
  });
}
