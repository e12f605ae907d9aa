import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerLeadSessionStart } from "./start.ts";

export function registerLeadSessionRoutes(app: OpenAPIHono<AppEnv>) {
  registerLeadSessionStart(app);
}
