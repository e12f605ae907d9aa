import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, newToken, sha256Hex } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { bearerOf, requireBearer } from "../../middleware/auth.ts";
import { accountOf } from "../../services/accounts.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";

const Rotated = z
  .object({
    agent_id: z.string(),
    token: z.string().describe("The new agent bearer, shown once. The old one stopped working."),
    rotated_at: z.string(),
  })
  .openapi("RotatedToken");

const Restored = z
  .object({ agent_id: z.string(), key_kind: z.enum(["agent", "usage_key"]), restored: z.literal(true) })
  .openapi("RestoredToken");

const rotate = createRoute({
  method: "post",
  path: "/api/v1/agents/token/rotate",
  operationId: "rotateToken",
  tags: ["agents"],
  summary: "Swap the agent bearer for a new one; the old bearer stops at once",
  security: bearerSecurity,
  middleware: [requireBearer({ agentOnly: true })] as const,
  responses: { 200: { description: "New bearer", content: { "application/json": { schema: Rotated } } }, ...errorResponses },
});

const restore = createRoute({
  method: "post",
  path: "/api/v1/agents/token/restore",
  operationId: "restoreToken",
  tags: ["agents"],
  summary: "Confirm a saved bearer still works: same agent, no rotation",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  responses: { 200: { description: "The bearer is valid", content: { "application/json": { schema: Restored } } }, ...errorResponses },
});

export function registerToken(app: OpenAPIHono<AppEnv>) {
  app.openapi(rotate, async (c) => {
    const { agentId } = c.get("principal");
    const current = bearerOf(c.req.header("authorization"))!;
    const token = newToken("agent", agentId);
    // The object re-checks the current hash in the same transaction, so two rotations racing
    // with one bearer cannot both win.
    const result = await accountOf(c.env, agentId).rotate({
      currentHash: await sha256Hex(current),
      newHash: await sha256Hex(token),
    });
    if (!result.ok) throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
    return c.json({ agent_id: agentId, token, rotated_at: new Date().toISOString() }, 200);
  });

  app.openapi(restore, (c) => {
    const principal = c.get("principal");
    return c.json({ agent_id: principal.agentId, key_kind: principal.kind, restored: true as const }, 200);
  });
}
