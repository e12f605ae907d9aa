import type { OpenAPIHono } from "@hono/zod-openapi";
import { catalogEntry } from "@411data/core";
import type { StandardSchemaWithJSON } from "@modelcontextprotocol/server";
import type { z } from "zod";
import { operationOf } from "../capabilities/operation.ts";
import { type Capability, CAPABILITIES, isCatalogTier } from "../capabilities/registry.ts";
import type { AppEnv } from "../context.ts";
import { priceText } from "../http/payment-info.ts";

/** How an MCP tool presents a capability: the same schemas as its REST route, the catalog's price. */
export interface ToolDefinition {
  cap: Capability;
  title: string;
  description: string;
  /** Advertised as the route's input schema; the route itself validates (one validation, one error shape). */
  inputSchema: StandardSchemaWithJSON;
  outputSchema: z.ZodType | undefined;
  annotations: Capability["annotations"];
}

export function toolDefinitions(app: OpenAPIHono<AppEnv>, listed: (cap: Capability) => boolean = () => true): ToolDefinition[] {
  return CAPABILITIES.filter(listed).map((cap) => {
    const op = operationOf(cap, app);
    return {
      cap,
      title: cap.title,
      description: describe(cap),
      inputSchema: advertisedOnly(op.input),
      outputSchema: op.output,
      annotations: cap.annotations,
    };
  });
}

/** Catalog-tier tools are listed only while their route is switched on. */
export function listedWhen(enabled: ReadonlySet<string>) {
  return (cap: Capability) => !isCatalogTier(cap) || enabled.has(cap.catalogId!);
}

function describe(cap: Capability): string {
  if (!cap.catalogId) return cap.description;
  const entry = catalogEntry(cap.catalogId);
  const onMatch = entry.rule === "on_match" || entry.rule === "metered_on_match" || entry.rule === "upto";
  const pay =
    cap.bearer === "required"
      ? "Needs a bearer; the ceiling is held from its virtual balance."
      : "Paid from the bearer's virtual balance. Without a bearer (or with a short balance) the result is an x402 payment request: " +
        'retry with the signed payment in _meta["x402/payment"]' +
        (onMatch ? "; it is settled on-chain only on a match." : ".");
  return `${cap.description} Price: ${priceText(entry)}. ${pay} The result carries a billing block.`;
}

/**
 * The route's zod schema as the tool's JSON Schema, without the SDK validating arguments itself:
 * the REST route validates them, so a bad argument is the route's VALIDATION_FAILED envelope (and
 * a transformed value, such as a USD amount, is never sent on in its parsed form).
 */
function advertisedOnly(schema: z.ZodType): StandardSchemaWithJSON {
  const std = schema["~standard"];
  return {
    "~standard": {
      version: 1,
      vendor: std.vendor,
      validate: (value: unknown) => ({ value }),
      jsonSchema: std.jsonSchema,
    },
  } as StandardSchemaWithJSON;
}
