import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { lookupPeople, type PeopleQuery } from "../../services/lookup.ts";
import { normalizePhone } from "./phone-input.ts";
import { bearerSecurity, Billing, PeopleResult, peopleWork } from "./schemas.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

export const Body = z
  .object({
    name: text(120).optional().openapi({ example: "Joseph B Manno" }),
    city: text(80).optional().openapi({ example: "Ridgway" }),
    state_code: z.string().trim().regex(/^[A-Za-z]{2}$/, "state_code is a 2-letter code").transform((s) => s.toUpperCase()).optional().openapi({ example: "PA" }),
    street: text(160).optional(),
    zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, "zip is a 5-digit ZIP").optional(),
    phone: z.string().min(3).max(40).optional(),
  })
  .refine((b) => b.name || b.phone || b.street, {
    message: "send a name (with city/state_code), a phone, or an address (street)",
    path: ["name"],
  });

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/person",
  operationId: "enrichPerson",
  tags: ["enrich"],
  summary: "Person lookup by name and location, phone, or address ($0.500, billed on match)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.person"),
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: {
    200: { description: "Result with a billing block", content: { "application/json": { schema: PeopleResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.person"),
    ...errorResponses,
  },
});

export function registerEnrichPerson(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const phone = body.phone ? normalizePhone(body.phone) : null;
    const place = {
      ...(body.city ? { city: body.city } : {}),
      ...(body.state_code ? { state_code: body.state_code } : {}),
      ...(body.zip ? { zipcode: body.zip } : {}),
    };
    // The most specific key the caller gave decides the query; the vendor ranks the rest.
    const query: PeopleQuery = body.name
      ? { mode: "name", name: body.name, ...place, ...(body.street ? { street: body.street } : {}) }
      : phone
        ? { mode: "reverse_phone", phone }
        : { mode: "address", street: body.street!, ...place };
    const paid = await paidCall(c, { routeId: "enrich.person" }, async () => peopleWork(await lookupPeople(c, query), phone));
    return c.json(paid.body, 200, paid.headers);
  });
}
