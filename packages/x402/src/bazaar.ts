import { declareDiscoveryExtension } from "@x402/extensions/bazaar";

// The Bazaar discovery extension (x402 v2 `extensions.bazaar`): how to call a route and what it
// answers, as an example plus the JSON Schema the example validates against. A facilitator that
// settles a payment catalogs the route from it, and validators read the input and output schemas.

export interface BazaarRoute {
  method: "GET" | "POST";
  /** A request a stranger could send as is. */
  inputExample: Record<string, unknown>;
  /** JSON Schema of the request body (POST) or query (GET). */
  inputSchema: Record<string, unknown>;
  outputExample: Record<string, unknown>;
  /** JSON Schema of the 2xx body. */
  outputSchema: Record<string, unknown>;
}

/** `{ bazaar: { info, schema } }` in the SDK's own shape, from the SDK's own builder. */
export function bazaarExtension(route: BazaarRoute): Record<string, unknown> {
  const declared =
    route.method === "GET"
      ? declareDiscoveryExtension({
          input: route.inputExample,
          inputSchema: route.inputSchema,
          output: { example: route.outputExample, schema: route.outputSchema },
        })
      : declareDiscoveryExtension({
          bodyType: "json",
          input: route.inputExample,
          inputSchema: route.inputSchema,
          output: { example: route.outputExample, schema: route.outputSchema },
        });
  const bazaar = declared.bazaar as unknown as {
    info: { input: Record<string, unknown>; output?: Record<string, unknown> };
    schema: { properties: { input: { properties: Record<string, unknown> } } };
  };
  // The SDK adds `method` only through its resource-server hook, which we do not run; without it
  // the declaration fails its own schema (`input` requires `method`). The schema also pins it.
  bazaar.info.input.method = route.method;
  bazaar.schema.properties.input.properties.method = { type: "string", enum: [route.method] };
  return { bazaar };
}
