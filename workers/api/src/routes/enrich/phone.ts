import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { lookupPeople, peopleWork } from "../../services/lookup.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { Billing } from "../../schemas/billing.ts";
import { PeopleResult } from "../../schemas/people.ts";
import { normalizePhone, PhoneBody } from "../../schemas/phone.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/phone",
  operationId: "enrichPhone",
  tags: ["enrich"],
  summary: "Reverse phone lookup: the people behind a number ($0.330, billed on match)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.phone"),
  request: { body: { content: { "application/json": { schema: PhoneBody } }, required: true } },
  responses: {
    200: { description: "Result (matched or not) with a billing block", content: { "application/json": { schema: PeopleResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.phone"),
    ...errorResponses,
  },
});

export function registerEnrichPhone(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    // Validated before any money moves: a bad number is a free 400.
    const phone = normalizePhone(c.req.valid("json").phone);
    const paid = await paidCall(c, { routeId: "enrich.phone" }, async () =>
      peopleWork(await lookupPeople(c, { mode: "reverse_phone", phone }), phone),
    );
    return c.json(paid.body, 200, paid.headers);
  });
}
