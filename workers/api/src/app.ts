import { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@411data/core";
import { loadConfig } from "./config.ts";
import type { AppEnv } from "./context.ts";
import { allowedMethods } from "./http/allowed-methods.ts";
import { errorResponse, toApiError } from "./http/error-response.ts";
import { registerOpenApiDocument } from "./http/openapi-document.ts";
import { validationHook } from "./http/validation-hook.ts";
import { errorFields, logEvent } from "./log.ts";
import { anonRateLimit } from "./middleware/anon-rate-limit.ts";
import { DISCOVERY_PATHS, discoveryCache } from "./middleware/discovery-cache.ts";
import { idempotency } from "./middleware/idempotency.ts";
import { readBody } from "./middleware/read-body.ts";
import { requestId } from "./middleware/request-id.ts";
import { requestLog } from "./middleware/request-log.ts";
import { provideRuntime } from "./middleware/runtime.ts";
import type { Runtime } from "../../../durable-objects/runtime.ts";
import { registerAgentRoutes } from "./routes/agents/index.ts";
import { registerBatchRoutes, registerBatchUpload } from "./routes/batch/index.ts";
import { registerDiscoveryRoutes } from "./routes/discovery/index.ts";
import { registerEnrichRoutes } from "./routes/enrich/index.ts";
import { registerLeadsRoutes } from "./routes/leads/index.ts";
import { registerMcpRoutes } from "./mcp/route.ts";
import { registerHealth } from "./routes/health.ts";
import { registerOperatorRoutes } from "./routes/operator/index.ts";
import { registerPages } from "./pages/index.ts";
import { registerSupportRoutes } from "./routes/support/index.ts";
import { registerAgentChatRoutes } from "./routes/agent/index.ts";

const OPENAPI_BASE = {
  openapi: "3.1.0",
  info: {
    title: "411data",
    version: "1.0.0",
    description:
      "Lead and business-data enrichment for agents, paid per call from a virtual USD balance " +
      "or with x402 or MPP. Enrichment is billed only on a match. Not a consumer reporting agency: " +
      "data from this API must not be used for FCRA-covered eligibility decisions " +
      "(credit, employment, insurance, housing).",
  },
};

export interface AppOptions {
  /** Collaborators to use instead of the runtime module's (tests: a failing vendor, a facilitator). */
  runtime?: Partial<Runtime>;
}

export function createApp(options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", provideRuntime(options.runtime));
  app.use("*", requestId, requestLog);
  app.use("*", async (c, next) => {
    c.set("config", loadConfig(c.env));
    await next();
  });
  // Liveness stays outside the limiter and body handling: it is the bare baseline of the Worker.
  registerHealth(app);
  // Discovery documents answer before the anonymous limiter: their own limit and HTTP caching.
  for (const path of DISCOVERY_PATHS) app.use(path, discoveryCache);
  registerDiscoveryRoutes(app);
  registerOpenApiDocument(app, OPENAPI_BASE);
  // The CSV upload reads its own (large) body and runs the limiter and idempotency itself.
  registerBatchUpload(app);
  app.use("*", anonRateLimit, readBody, idempotency);
  registerAgentRoutes(app);
  registerEnrichRoutes(app);
  registerLeadsRoutes(app);
  registerSupportRoutes(app);
  registerAgentChatRoutes(app);
  registerOperatorRoutes(app);
  registerMcpRoutes(app);
  registerBatchRoutes(app);
  registerPages(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "Agent bearer `411_…`, usage key `411k_…`, or job poll bearer `411j_…`",
  });
  const allowedFor = allowedMethods(app);
  app.notFound((c) => {
    const allow = allowedFor(c.req.path);
    if (allow.length > 0) {
      const message = `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(", ")}`;
      return errorResponse(c, new ApiError("METHOD_NOT_ALLOWED", message, { details: { allow }, headers: { Allow: allow.join(", ") } }));
    }
    return errorResponse(c, new ApiError("ROUTE_NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`));
  });
  app.onError((err, c) => {
    const apiError = toApiError(err);
    // A deliberate 5xx (vendor down, route offline) is an answer, kept in the request log with its
    // code; only what nobody meant to throw, or a broken deployment, is worth an operator's eye.
    if (apiError.code === "INTERNAL_ERROR" || apiError.code === "BAD_ENVIRONMENT") {
      logEvent("error", "request_failed", { request_id: c.get("requestId"), code: apiError.code, ...errorFields(apiError.cause ?? err, true) });
    }
    return errorResponse(c, apiError);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
