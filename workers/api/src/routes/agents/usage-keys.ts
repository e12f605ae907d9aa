import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, CATALOG, newToken, newUsageKeyId, sha256Hex, UsdAmount } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { accountOf } from "../../services/accounts.ts";
import { UsageKeyView } from "./schemas.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { usageKeyView } from "./views.ts";

const PAID_ROUTE_IDS = CATALOG.map((e) => e.id) as [string, ...string[]];

const CreateBody = z.object({
  name: z.string().trim().min(1).max(80).default("usage key"),
  spend_cap_usd: UsdAmount.refine((m) => m > 0, "spend_cap_usd must be above 0").openapi({
    type: ["number", "string"],
    example: "5.00",
    description: "Most this key may ever spend from the agent's balance",
  }),
  scope: z
    .array(z.enum(PAID_ROUTE_IDS))
    .min(1)
    .max(PAID_ROUTE_IDS.length)
    .optional()
    .describe("Catalog ids this key may call (e.g. enrich.phone); every paid route when omitted"),
  expires_at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("When the key stops working (ISO-8601); never when omitted"),
});

const Created = UsageKeyView.extend({
  key: z.string().describe("The usage key (411k_…), shown once. Only its hash is stored."),
}).openapi("CreatedUsageKey");

const KeyList = z.object({ usage_keys: z.array(UsageKeyView) }).openapi("UsageKeyList");

const agentOnly = requireBearer({ agentOnly: true });

const create = createRoute({
  method: "post",
  path: "/api/v1/agents/usage-keys",
  operationId: "createUsageKey",
  tags: ["agents"],
  summary: "Mint a usage key with a spend cap (and optional route scope and expiry)",
  security: bearerSecurity,
  middleware: agentOnly,
  request: { body: { content: { "application/json": { schema: CreateBody } }, required: true } },
  responses: { 201: { description: "The key, shown once", content: { "application/json": { schema: Created } } }, ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/api/v1/agents/usage-keys",
  operationId: "listUsageKeys",
  tags: ["agents"],
  summary: "List usage keys (never their secrets)",
  security: bearerSecurity,
  middleware: agentOnly,
  responses: { 200: { description: "Keys", content: { "application/json": { schema: KeyList } } }, ...errorResponses },
});

const revoke = createRoute({
  method: "delete",
  path: "/api/v1/agents/usage-keys/{key_id}",
  operationId: "revokeUsageKey",
  tags: ["agents"],
  summary: "Revoke a usage key; it stops at once",
  security: bearerSecurity,
  middleware: agentOnly,
  request: { params: z.object({ key_id: z.string().regex(/^key_[0-9A-Za-z]{16}$/) }) },
  responses: { 200: { description: "The revoked key", content: { "application/json": { schema: UsageKeyView } } }, ...errorResponses },
});

export function registerUsageKeys(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const { agentId } = c.get("principal");
    const expiresAt = body.expires_at ? Date.parse(body.expires_at) : null;
    if (expiresAt !== null && expiresAt <= Date.now()) {
      throw new ApiError("VALIDATION_FAILED", "expires_at must be in the future", { details: { field: "expires_at" } });
    }
    const keyId = newUsageKeyId();
    const key = newToken("usageKey", agentId);
    const view = await accountOf(c.env, agentId).createUsageKey({
      keyId,
      hash: await sha256Hex(key),
      name: body.name,
      cap: body.spend_cap_usd,
      scope: body.scope ?? null,
      expiresAt,
    });
    return c.json({ ...usageKeyView(view), key }, 201);
  });

  app.openapi(list, async (c) => {
    const keys = await accountOf(c.env, c.get("principal").agentId).listUsageKeys();
    return c.json({ usage_keys: keys.map((k) => usageKeyView(k)) }, 200);
  });

  app.openapi(revoke, async (c) => {
    const view = await accountOf(c.env, c.get("principal").agentId).revokeUsageKey(c.req.valid("param").key_id);
    if (!view) throw new ApiError("NOT_FOUND", "no usage key with that id on this agent");
    return c.json(usageKeyView(view), 200);
  });
}
