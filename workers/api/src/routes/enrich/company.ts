import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { NormalizedCompany } from "@411data/vendors";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { requireCatalogRoute } from "../../services/catalog-routes.ts";
import { askVendors } from "../../services/lookup.ts";
import { vendorsOf } from "../../services/vendors.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { Billing } from "../../schemas/billing.ts";
import { VendorHop } from "../../schemas/people.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

export const CompanyBody = z
  .object({
    name: text(200).optional().openapi({ example: "Haney Furniture Co" }),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .transform((s) => s.replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, ""))
      .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "domain is a host name like example.com"))
      .optional()
      .openapi({ example: "haneyfurniture.example.com" }),
    city: text(80).optional().openapi({ example: "New Castle" }),
    state: z.string().trim().regex(/^[A-Za-z]{2}$/, "state is a 2-letter code").transform((s) => s.toUpperCase()).optional().openapi({ example: "PA" }),
  })
  .refine((b) => b.name || b.domain, { message: "send the business name (with city/state to place it) or its domain", path: ["name"] });

export const CompanyResult = z
  .object({
    matched: z.boolean(),
    data: z.object({ company: NormalizedCompany.nullable() }),
    metadata: z.object({
      query_mode: z.literal("company"),
      vendor: z.string(),
      vendor_mode: z.enum(["live", "sandbox"]),
      latency_ms: z.number(),
      match_score: z.number().nullable().describe("the vendor's confidence in the match, 0..1"),
      vendor_hops: z.array(VendorHop),
    }),
  })
  .openapi("CompanyResult");

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/company",
  operationId: "enrichCompany",
  tags: ["enrich"],
  summary: "Company firmographics by name (+ city/state) or domain ($0.250, billed on match; catalog tier)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.company"),
  middleware: [requireCatalogRoute("enrich.company")] as const,
  request: { body: { content: { "application/json": { schema: CompanyBody } }, required: true } },
  responses: {
    200: { description: "Result (matched or not) with a billing block", content: { "application/json": { schema: CompanyResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.company"),
    ...errorResponses,
  },
});

export function registerEnrichCompany(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const query = {
      ...(body.name ? { name: body.name } : {}),
      ...(body.domain ? { website: body.domain } : {}),
      ...(body.city ? { city: body.city } : {}),
      ...(body.state ? { state_code: body.state } : {}),
    };
    const paid = await paidCall(c, { routeId: "enrich.company" }, async () => {
      const vendors = vendorsOf(c);
      const answer = await askVendors(c, [{ vendor: vendors.pdl.vendor, run: (signal) => vendors.pdl.enrichCompany(query, signal ? { signal } : {}) }], {
        isMatch: (r) => r.matched,
        costOf: (r) => r.cost_micro_usd,
      });
      const result = answer.value;
      return {
        matched: result.matched,
        cogs: answer.cogs,
        vendorHops: answer.logHops,
        body: {
          matched: result.matched,
          data: { company: result.company },
          metadata: {
            query_mode: "company" as const,
            vendor: result.vendor,
            vendor_mode: vendors.modes.peopledatalabs,
            latency_ms: result.latency_ms,
            match_score: result.match_score,
            vendor_hops: answer.hops,
          },
        },
      };
    });
    return c.json(paid.body, 200, paid.headers);
  });
}
