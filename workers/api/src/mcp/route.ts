import type { OpenAPIHono } from "@hono/zod-openapi";
import { createMcpHandler } from "@modelcontextprotocol/server";
import type { Context } from "hono";
import { sha256Hex } from "@411data/core";
import type { AppEnv } from "../context.ts";
import { requireBearer } from "../middleware/auth.ts";
import { enabledCatalogRoutes } from "../services/catalog-routes.ts";
import { buildMcpServer } from "./server.ts";
import { serverCard } from "./server-card.ts";
import { listedWhen, toolDefinitions } from "./tools.ts";

export const MCP_PATH = "/mcp";

const bearer = requireBearer();

/**
 * `/mcp`: the Streamable HTTP MCP endpoint (2026-07-28, and the 2025 revisions statelessly), in
 * the same Worker behind the same request id, log and address limit. A bearer, when sent, must be
 * valid (401 with `WWW-Authenticate: Bearer` otherwise); without one, tools can still be listed
 * and free ones called, and paid ones answer with an x402 payment request.
 */
export function registerMcpRoutes(app: OpenAPIHono<AppEnv>) {
  app.use(MCP_PATH, async (c, next) => {
    await next();
    if (c.res.status === 401) c.res.headers.set("WWW-Authenticate", 'Bearer realm="411data", error="invalid_token"');
  });
  app.on(["GET", "POST", "DELETE"], MCP_PATH, (c, next) => (c.req.header("authorization") ? bearer(c, next) : next()), (c) => serveMcp(app, c));

  const card = (c: Context<AppEnv>) => c.json(serverCard(app, c.get("config")), 200, { "Cache-Control": "public, max-age=300" });
  app.get("/.well-known/mcp/server-card.json", card);
  app.get("/.well-known/mcp/server-card", card);
}

async function serveMcp(app: OpenAPIHono<AppEnv>, c: Context<AppEnv>): Promise<Response> {
  const raw = c.req.raw;
  const text = c.get("rawBody");
  // The body was read once (size limit, UTF-8) by readBody; the SDK gets it back as a fresh request.
  const request = new Request(raw.url, { method: raw.method, headers: raw.headers, ...(raw.method === "POST" ? { body: text ?? "" } : {}) });
  // Only a listing depends on which catalog routes are on; a call of an offline one is the
  // route's own ROUTE_OFFLINE answer, so calls need no lookup, and a call needs only its own tool.
  const message = jsonRpc(text);
  if (message.payment) c.set("rawBody", await withPaymentRedacted(text!));
  const enabled = message.method === "tools/list" ? await enabledCatalogRoutes(c.env.DB, c.get("config")) : null;
  const tools = toolDefinitions(
    app,
    enabled ? listedWhen(enabled) : message.method === "tools/call" ? (cap) => cap.tool === message.tool : undefined,
  );
  const ctx = { app, env: c.env, executionCtx: c.executionCtx, request, requestId: c.get("requestId") };
  const handler = createMcpHandler(() => buildMcpServer(tools, ctx));
  return handler.fetch(request);
}

/** The method (and tool) of a single JSON-RPC request; nothing for batches or bad JSON (the SDK answers those). */
function jsonRpc(text: string | undefined): { method?: string; tool?: string; payment?: boolean } {
  if (!text) return {};
  try {
    const message = JSON.parse(text) as { method?: unknown; params?: { name?: unknown; _meta?: Record<string, unknown> } };
    return {
      ...(typeof message?.method === "string" ? { method: message.method } : {}),
      ...(typeof message?.params?.name === "string" ? { tool: message.params.name } : {}),
      ...(message?.params?._meta?.[PAYMENT_META] !== undefined ? { payment: true } : {}),
    };
  } catch {
    return {};
  }
}

const PAYMENT_META = "x402/payment";

/**
 * The stored copy of a paid call's JSON-RPC body: the signed payment is replaced by a short hash,
 * as the request log does for a PAYMENT-SIGNATURE header (the tool call's own stored row has it
 * as that header, redacted the same way).
 */
async function withPaymentRedacted(text: string): Promise<string> {
  const message = JSON.parse(text) as { params: { _meta: Record<string, unknown> } };
  const digest = (await sha256Hex(JSON.stringify(message.params._meta[PAYMENT_META]))).slice(0, 16);
  message.params._meta[PAYMENT_META] = `[redacted sha256:${digest}]`;
  return JSON.stringify(message);
}
