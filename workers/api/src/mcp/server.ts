import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ExecutionContext as HonoExecutionContext } from "hono";
import { McpServer } from "@modelcontextprotocol/server";
import { runCapability } from "../capabilities/dispatch.ts";
import type { AppEnv } from "../context.ts";
import { toApiError } from "../http/error-response.ts";
import { errorResult, toolResult } from "./tool-result.ts";
import type { ToolDefinition } from "./tools.ts";

export const SERVER_INFO = { name: "411data", version: "1.0.0" } as const;

export const INSTRUCTIONS =
  "Lead and business-data enrichment, paid per call. With `Authorization: Bearer 411_…` (or a 411k_ usage key) tools draw on the " +
  "agent's virtual USD balance; without one, a paid tool answers with an x402 payment request (isError, accepts[]) and runs when " +
  'retried with the signed payment in _meta["x402/payment"]. Enrichment is billed only on a match. Send _meta["idempotency-key"] to ' +
  "make a retry replay the first answer instead of running (and charging) twice.";

/** Everything one /mcp request's tools need to run their routes in-process. */
export interface McpCallContext {
  app: OpenAPIHono<AppEnv>;
  env: Env;
  executionCtx: HonoExecutionContext;
  /** The /mcp request: its bearer, origin and client address go with every tool call. */
  request: Request;
  requestId: string;
}

/** One server per request (stateless): the tools are the registry's, each a call of its REST route. */
export function buildMcpServer(tools: ToolDefinition[], ctx: McpCallContext): McpServer {
  const server = new McpServer(SERVER_INFO, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });
  for (const tool of tools) {
    server.registerTool(
      tool.cap.tool,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
        annotations: tool.annotations,
      },
      async (args: unknown, extra) => {
        const meta = (extra.mcpReq._meta ?? {}) as Record<string, unknown>;
        const key = meta["idempotency-key"];
        try {
          const answer = await runCapability(ctx.app, ctx.env, ctx.executionCtx, tool.cap, {
            door: `mcp:${tool.cap.tool}`,
            args,
            authorization: ctx.request.headers.get("authorization"),
            idempotencyKey: typeof key === "string" ? key : null,
            payment: meta["x402/payment"],
            via: ctx.request,
          });
          return toolResult(answer);
        } catch (err) {
          const apiError = toApiError(err);
          if (apiError.status >= 500) console.error(`mcp ${tool.cap.tool} (request ${ctx.requestId}) failed`, err);
          return errorResult(apiError, ctx.requestId);
        }
      },
    );
  }
  return server;
}
