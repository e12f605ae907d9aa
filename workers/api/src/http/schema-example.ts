// A request example built from a route's own JSON Schema (as zod-openapi generated it): the
// schema's own `example`s and defaults first, then the first enum value or a placeholder of the
// right type and format. Used for operations whose route declares no whole-body example, so every
// operation shows a request a client (or a validator probing for the 402) can send.

type Json = Record<string, unknown>;

const MAX_DEPTH = 12;

export function exampleOf(schema: Json | undefined, schemas: Json, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return undefined;
  if (typeof schema.$ref === "string") {
    // `#/components/schemas/X` in an OpenAPI document, `#/$defs/X` in a standalone JSON Schema.
    const name = schema.$ref.split("/").pop() ?? "";
    return exampleOf(schemas[name] as Json | undefined, schemas, depth + 1);
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      // Prefer a non-null option: an example of `null` shows nothing.
      const option = (options as Json[]).find((o) => o.type !== "null") ?? options[0];
      return exampleOf(option as Json, schemas, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as Json[]).map((part) => exampleOf(part, schemas, depth + 1) ?? {}));
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return objectExample(schema, schemas, depth);
    case "array": {
      const item = exampleOf(schema.items as Json | undefined, schemas, depth + 1);
      return item === undefined ? [] : [item];
    }
    case "string":
      return stringExample(schema);
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    default:
      return schema.properties ? objectExample(schema, schemas, depth) : undefined;
  }
}

function objectExample(schema: Json, schemas: Json, depth: number): Json {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  const out: Json = {};
  for (const [name, property] of Object.entries(properties)) {
    // Required fields, and optional ones the route bothered to give an example of.
    if (!required.has(name) && property.example === undefined) continue;
    const value = exampleOf(property, schemas, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function stringExample(schema: Json): string {
  switch (schema.format) {
    case "email":
      return "agent@example.com";
    case "uri":
    case "url":
      return "https://example.com/hooks/411data";
    case "date-time":
      return "2026-12-01T00:00:00Z";
    case "date":
      return "2026-12-01";
    default: {
      const min = typeof schema.minLength === "number" ? schema.minLength : 1;
      return "example".padEnd(min, "x");
    }
  }
}
