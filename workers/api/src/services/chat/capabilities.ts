import type { OpenAPIHono } from "@hono/zod-openapi";
import { jsonSchema } from "ai";
import type { Context } from "hono";
import { z } from "zod";
import { ApiError, catalogEntry } from "@411data/core";
import { runCapability } from "../../capabilities/dispatch.ts";
import { operationOf } from "../../capabilities/operation.ts";
import { CAPABILITIES, capability, isCatalogTier, maxChargeOf, type Capability } from "../../capabilities/registry.ts";
import type { AppEnv } from "../../context.ts";
import { priceText } from "../../http/payment-info.ts";
import type { ChatCapability, Dispatch } from "./tools.ts";

// The enrich agent's tools are the capability registry's, as the MCP server's are: the same
// names, the REST routes' own input schemas, prices from the catalog, and every call run through
// the same door (the route in-process, its paid wrapper, its request log, marked `chat:<tool>`).

const converted = new WeakMap<Capability, ChatCapability>();

function describe(cap: Capability): string {
  if (!cap.catalogId) return cap.description;
  return `${cap.description} Price: ${priceText(catalogEntry(cap.catalogId))}. Billed to the user's balance.`;
}

function asChatCapability(app: OpenAPIHono<AppEnv>, cap: Capability): ChatCapability {
  const known = converted.get(cap);
  if (known) return known;
  const op = operationOf(cap, app);
  const made: ChatCapability = {
    tool: cap.tool,
    description: describe(cap),
    // Advertised, not enforced here: the route validates (one validation, one error shape), and a
    // parsed value (a USD amount turned into µUSD) must never be sent on in place of the model's.
    input: jsonSchema(z.toJSONSchema(op.input, { io: "input", unrepresentable: "any" }) as Parameters<typeof jsonSchema>[0]),
    maxCharge: (args) => maxChargeOf(cap, args),
  };
  converted.set(cap, made);
  return made;
}

/** The tools a turn offers: every capability, the catalog tier only while switched on. */
export function chatCapabilities(app: OpenAPIHono<AppEnv>, enabledCatalogRoutes: ReadonlySet<string>): ChatCapability[] {
  return CAPABILITIES.filter((cap) => !isCatalogTier(cap) || enabledCatalogRoutes.has(cap.catalogId!)).map((cap) => asChatCapability(app, cap));
}

export function chatDispatch(app: OpenAPIHono<AppEnv>, c: Context<AppEnv>): Dispatch {
  return async (tool, args) => {
    const cap = capability(tool);
    if (!cap) return { status: 404, body: { error: { code: "NOT_FOUND", message: `no tool ${tool}` } } };
    try {
      const answer = await runCapability(app, c.env, c.executionCtx, cap, {
        door: `chat:${tool}`,
        args,
        authorization: c.req.header("authorization") ?? null,
        via: c.req.raw,
      });
      return { status: answer.status, body: answer.body };
    } catch (err) {
      // Refused before the route ran (a missing path parameter): the same envelope, nothing charged.
      if (err instanceof ApiError) return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details ?? null } } };
      throw err;
    }
  };
}
