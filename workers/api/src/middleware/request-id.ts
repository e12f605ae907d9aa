import { createMiddleware } from "hono/factory";
import { newRequestId } from "@411data/core";
import type { AppEnv } from "../context.ts";

/** Every response, error or not, names the stored call it belongs to. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = newRequestId();
  c.set("requestId", id);
  c.set("log", {});
  await next();
  c.res.headers.set("X-Request-Id", id);
});
