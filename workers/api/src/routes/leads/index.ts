import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerLeadsSearch } from "./search.ts";

export function registerLeadsRoutes(app: OpenAPIHono<AppEnv>) {
  registerLeadsSearch(app);
}
