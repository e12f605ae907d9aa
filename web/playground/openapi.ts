// The parts of /openapi.json the playground needs: operations grouped by tag, their parameters and
// a starting body (the example, else a skeleton built from the schema).

export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
}

export interface Param {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
}

interface MediaType {
  schema?: Schema;
  example?: unknown;
}

interface RawOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Param[];
  requestBody?: { content?: Record<string, MediaType> };
  security?: unknown[];
}

export interface Doc {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  key: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  params: Param[];
  body: MediaType | null;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function operationsOf(doc: Doc): Map<string, Operation[]> {
  const byTag = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "other";
      const entry: Operation = {
        key: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        tag,
        params: (op.parameters ?? []).filter((p) => p.in === "path" || p.in === "query"),
        body: op.requestBody?.content?.["application/json"] ?? null,
      };
      byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
    }
  }
  return byTag;
}

export function resolve(doc: Doc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.replace("#/components/schemas/", "")] ?? {};
  return s;
}

/** A value a person would start editing from: examples first, required fields otherwise. */
export function skeleton(doc: Doc, raw: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, raw);
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const variant = s.allOf?.[0] ?? s.anyOf?.[0] ?? s.oneOf?.[0];
  if (variant) return skeleton(doc, variant, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (depth > 5) return null;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        const p = resolve(doc, prop);
        if (s.required?.includes(name) || p.example !== undefined) out[name] = skeleton(doc, prop, depth + 1);
      }
      return out;
    }
    case "array":
      return s.items ? [skeleton(doc, s.items, depth + 1)] : [];
    case "string":
      return "";
    case "number":
    case "integer":
      return s.minimum ?? 0;
    case "boolean":
      return false;
    default:
      return s.properties ? skeleton(doc, { ...s, type: "object" }, depth) : null;
  }
}

export function bodyOf(doc: Doc, op: Operation): string {
  if (!op.body) return "";
  const value = op.body.example !== undefined ? op.body.example : skeleton(doc, op.body.schema);
  return JSON.stringify(value, null, 2);
}

export function paramDefault(doc: Doc, p: Param): string {
  const v = p.example ?? resolve(doc, p.schema).example ?? resolve(doc, p.schema).default;
  return v === undefined || v === null ? "" : String(v);
}
