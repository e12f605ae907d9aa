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
  /** The route's schemas, advertised; the route itself validates (one validation, one error shape). */
  inputSchema: StandardSchemaWithJSON;
  outputSchema: StandardSchemaWithJSON | undefined;
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
      outputSchema: op.output && advertisedOnly(op.output),
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
 * The route's zod schema as the tool's JSON Schema, without the SDK checking values against it:
 * the REST route validates the arguments, so a bad one is the route's VALIDATION_FAILED envelope
 * (and a transformed value, such as a USD amount, is never sent on in its parsed form); and a
 * result is the route's own answer, which must not turn into an error after its money moved.
 * The JSON is converted once per schema, not once per request's server.
 */
function advertisedOnly(schema: z.ZodType): StandardSchemaWithJSON {
  const known = advertised.get(schema);
  if (known) return known;
  const std = schema["~standard"];
  const memo = new Map<string, Record<string, unknown>>();
  const json = (io: "input" | "output") => (opts: { target: string }) => {
    const key = `${io} ${opts.target}`;
    let value = memo.get(key);
    if (!value) memo.set(key, (value = std.jsonSchema[io](opts as Parameters<typeof std.jsonSchema.input>[0])));
    return value;
  };
  const wrapped = {
    "~standard": { version: 1, vendor: std.vendor, validate: (value: unknown) => ({ value }), jsonSchema: { input: json("input"), output: json("output") } },
  } as StandardSchemaWithJSON;
  advertised.set(schema, wrapped);
  return wrapped;
}

const advertised = new WeakMap<z.ZodType, StandardSchemaWithJSON>();
