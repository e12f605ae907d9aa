import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { lookupPeople, peopleWork, personQuery } from "../../services/lookup.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { Billing } from "../../schemas/billing.ts";
import { PeopleResult } from "../../schemas/people.ts";
import { PersonBody } from "../../schemas/person.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/person",
  operationId: "enrichPerson",
  tags: ["enrich"],
  summary: "Person lookup by name and location, phone, or address ($0.500, billed on match)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.person"),
  request: { body: { content: { "application/json": { schema: PersonBody } }, required: true } },
  responses: {
    200: { description: "Result with a billing block", content: { "application/json": { schema: PeopleResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.person"),
    ...errorResponses,
  },
});

export function registerEnrichPerson(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { query, phone } = personQuery(c.req.valid("json"));
    const paid = await paidCall(c, { routeId: "enrich.person" }, async () => peopleWork(await lookupPeople(c, query), phone));
    return c.json(paid.body, 200, paid.headers);
  });
}
