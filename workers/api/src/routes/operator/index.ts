import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerAdjust } from "./adjust.ts";
import { registerCatalogRoutes } from "./catalog-routes.ts";
import { registerConfirmBug } from "./confirm-bug.ts";
import { registerTicketReply } from "./reply.ts";

/** Operator routes: X-Operator-Secret only, and hidden from /openapi.json. */
export function registerOperatorRoutes(app: OpenAPIHono<AppEnv>) {
  registerConfirmBug(app);
  registerTicketReply(app);
  registerAdjust(app);
  registerCatalogRoutes(app);
}
