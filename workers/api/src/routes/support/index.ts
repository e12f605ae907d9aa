import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerSupportReads } from "./read.ts";
import { registerSupportTickets } from "./tickets.ts";

export function registerSupportRoutes(app: OpenAPIHono<AppEnv>) {
  registerSupportTickets(app);
  registerSupportReads(app);
}
