import { createMiddleware } from "hono/factory";
import { runtime, type Runtime } from "../../../../durable-objects/runtime.ts";
import type { AppEnv } from "../context.ts";

/**
 * Puts the request's collaborators (vendor clients, facilitator, summarizer) on the context: the
 * runtime module's, with the app's overrides on top. Handlers and services read `c.var.runtime`, so
 * a test builds `createApp({ runtime: { … } })` and swaps one without touching bindings. Read per
 * request, so a `useRuntime` swap (the Durable Objects' seam) reaches requests too.
 */
export function provideRuntime(overrides: Partial<Runtime> = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("runtime", { ...runtime(), ...overrides });
    await next();
  });
}
