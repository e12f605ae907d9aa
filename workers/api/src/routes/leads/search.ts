import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@411data/core";
import { COMPANY_INDUSTRIES, type CompanyFilters, NormalizedCompany, stateName } from "@411data/vendors";
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
import { canonicalFilters, decodeCursor, encodeCursor } from "./cursor.ts";

export const LEADS_MAX_LIMIT = 25;
export const LEADS_DEFAULT_LIMIT = 10;

const text = (max: number) => z.string().trim().min(1).max(max);

const Filters = z.object({
  state: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => stateName(s) !== null, "state is a 2-letter US state code")
    .optional()
    .openapi({ example: "PA" }),
  city: text(80).optional().openapi({ example: "New Castle" }),
  industry: z.enum(COMPANY_INDUSTRIES).optional().openapi({ example: "furniture" }),
  name_prefix: text(100).optional().describe("the business name starts with this (case-insensitive)"),
  min_employees: z.number().int().min(1).max(1_000_000).optional(),
  max_employees: z.number().int().min(1).max(1_000_000).optional(),
});

export const LeadsSearchBody = Filters.extend({
  limit: z.number().int().min(1).max(LEADS_MAX_LIMIT).default(LEADS_DEFAULT_LIMIT).describe(`leads per page, at most ${LEADS_MAX_LIMIT}`),
  cursor: z.string().min(1).max(4096).optional().describe("next_cursor from the previous page; the filters may be left out or must be the same"),
})
  .refine((b) => b.cursor || Object.keys(Filters.shape).some((k) => b[k as keyof typeof Filters.shape] !== undefined), {
    message: "give at least one filter (state, city, industry, name_prefix, min_employees, max_employees)",
    path: ["state"],
  })
  .refine((b) => b.min_employees === undefined || b.max_employees === undefined || b.min_employees <= b.max_employees, {
    message: "min_employees is above max_employees",
    path: ["min_employees"],
  });

const EchoFilters = z.object({
  state_code: z.string().optional(),
  city: z.string().optional(),
  industry: z.string().optional(),
  name_prefix: z.string().optional(),
  min_employees: z.number().optional(),
  max_employees: z.number().optional(),
});

export const LeadsResult = z
  .object({
    matched: z.boolean().describe("true when this page holds at least one lead"),
    data: z.object({ leads: z.array(NormalizedCompany) }),
    metadata: z.object({
      query_mode: z.literal("leads_search"),
      vendor: z.string(),
      vendor_mode: z.enum(["live", "sandbox"]),
      latency_ms: z.number(),
      filters: EchoFilters,
      limit: z.number().int(),
      returned: z.number().int(),
      total_available: z.number().int(),
      vendor_hops: z.array(VendorHop),
    }),
    next_cursor: z.string().nullable().describe("send it back (with the same filters, or none) for the next page; null on the last"),
  })
  .openapi("LeadsResult");

export const route = createRoute({
  method: "post",
  path: "/api/v1/leads/search",
  operationId: "leadsSearch",
  tags: ["leads"],
  summary: "Search businesses by state, city, industry, name prefix and headcount; cursor-paginated ($0.050 per page; catalog tier)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("leads.search"),
  middleware: [requireCatalogRoute("leads.search")] as const,
  request: { body: { content: { "application/json": { schema: LeadsSearchBody } }, required: true } },
  responses: {
    200: { description: "A page of leads with a billing block", content: { "application/json": { schema: LeadsResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("leads.search"),
    ...errorResponses,
  },
});

function filtersOf(b: z.infer<typeof Filters>): CompanyFilters {
  return canonicalFilters({
    ...(b.state ? { state_code: b.state } : {}),
    ...(b.city ? { city: b.city } : {}),
    ...(b.industry ? { industry: b.industry } : {}),
    ...(b.name_prefix ? { name_prefix: b.name_prefix } : {}),
    ...(b.min_employees !== undefined ? { min_employees: b.min_employees } : {}),
    ...(b.max_employees !== undefined ? { max_employees: b.max_employees } : {}),
  });
}

export function registerLeadsSearch(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const given = filtersOf(body);
    // The cursor is checked before anything is held: a bad one is a free 400.
    const cursor = body.cursor ? await decodeCursor(body.cursor) : null;
    if (cursor && Object.keys(given).length > 0 && JSON.stringify(given) !== JSON.stringify(canonicalFilters(cursor.filters))) {
      throw new ApiError("VALIDATION_FAILED", "the filters differ from the ones this cursor pages through; drop the cursor to start a new search", {
        details: { field: "cursor", cursor_filters: cursor.filters },
      });
    }
    const filters = cursor ? canonicalFilters(cursor.filters) : given;

    const paid = await paidCall(c, { routeId: "leads.search" }, async () => {
      const vendors = vendorsOf(c);
      const pdl = vendors.pdl;
      const answer = await askVendors(
        c,
        [{ vendor: pdl.vendor, run: (signal) => pdl.searchCompanies(filters, { size: body.limit, scrollToken: cursor?.vendorToken ?? null }, signal ? { signal } : {}) }],
        // Any answer is a result here: an empty page is still a search that ran.
        { isMatch: () => true, costOf: (p) => p.cost_micro_usd },
      );
      const page = answer.value;
      const next = page.next_token ? await encodeCursor({ filters, vendorToken: page.next_token }) : null;
      return {
        // A fixed-price route: a search that ran is charged, whatever it found.
        matched: true,
        cogs: answer.cogs,
        vendorHops: answer.logHops,
        body: {
          matched: page.companies.length > 0,
          data: { leads: page.companies },
          metadata: {
            query_mode: "leads_search" as const,
            vendor: page.vendor,
            vendor_mode: vendors.modes.peopledatalabs,
            latency_ms: page.latency_ms,
            filters,
            limit: body.limit,
            returned: page.companies.length,
            total_available: page.total_available,
            vendor_hops: answer.hops,
          },
          next_cursor: next,
        },
      };
    });
    return c.json(paid.body, 200, paid.headers);
  });
}
