// The API reference rendered on the server from the app's own OpenAPI document: the same zod
// schemas that validate requests describe them here, with no client-side renderer or CDN.
import { DataTable } from "./table.tsx";

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
  "x-payment-info"?: { description?: string };
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const refName = (ref: string) => ref.split("/").pop() ?? ref;

function resolve(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema?.$ref || depth > 5) return schema;
  return resolve(doc, doc.components?.schemas?.[refName(schema.$ref)], depth + 1);
}

/** A short type expression: `string`, `"a" | "b"`, `array of Lead`, `number | string`. */
export function typeText(schema: Schema | undefined): string {
  if (!schema) return "any";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeText).join(" | ");
  if (schema.allOf) return schema.allOf.map(typeText).join(" & ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const shown = types.filter((t) => t !== "null").map((t) => (t === "array" ? `array of ${typeText(schema.items)}` : t));
  const base = shown.join(" | ") || "object";
  return types.includes("null") ? `${base} | null` : base;
}

function limits(s: Schema): string {
  const parts: string[] = [];
  if (s.format) parts.push(s.format);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined && s.minLength > 0) parts.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) parts.push(`max length ${s.maxLength}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

function FieldTable({ doc, schema, caption }: { doc: OpenApiDocument; schema: Schema | undefined; caption: string }) {
  const body = resolve(doc, schema);
  const merged = body?.allOf ? body.allOf.map((s) => resolve(doc, s)).filter((s): s is Schema => !!s) : body ? [body] : [];
  const props = merged.flatMap((s) => Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, p, required: s.required?.includes(name) ?? false })));
  if (props.length === 0) return <p>{caption}: {typeText(schema)}</p>;
  return (
    <DataTable
      caption={caption}
      head={["Field", "Type", "Required", "Notes"]}
      rows={props.map(({ name, p, required }) => {
        const field = resolve(doc, p) ?? p;
        const notes = [p.description ?? field.description, limits(field)].filter(Boolean).join(" — ");
        return [<code>{name}</code>, typeText(p), required ? "yes" : "no", notes];
      })}
    />
  );
}

function authText(op: Operation): string {
  const bearer = (op.security?.length ?? 0) > 0;
  const paid = op["x-payment-info"] !== undefined;
  if (bearer && paid) return "a bearer, or an x402 payment (402 tells you what to pay)";
  if (bearer) return "a bearer";
  return paid ? "an x402 payment (402 tells you what to pay)" : "none";
}

const anchor = (method: string, path: string, op: Operation) => op.operationId ?? `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`;

export function operationsOf(doc: OpenApiDocument) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
}

export function ApiReference({ doc }: { doc: OpenApiDocument }) {
  const ops = operationsOf(doc);
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "other"))];
  return (
    <>
      <nav aria-label="API reference contents">
        <ul>
          {tags.map((tag) => (
            <li>
              <a href={`#tag-${tag}`}>{tag}</a> ({ops.filter((o) => (o.op.tags?.[0] ?? "other") === tag).length})
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section aria-labelledby={`tag-${tag}`}>
          <h3 id={`tag-${tag}`}>{tag}</h3>
          {ops
            .filter((o) => (o.op.tags?.[0] ?? "other") === tag)
            .map(({ path, method, op }) => {
              const json = op.requestBody?.content?.["application/json"]?.schema;
              const params = op.parameters ?? [];
              return (
                <article class="op" id={anchor(method, path, op)}>
                  <h4>
                    <span class="method">{method.toUpperCase()}</span> <code>{path}</code>
                  </h4>
                  {op.summary ? <p>{op.summary}</p> : null}
                  {op.description ? <p class="muted">{op.description}</p> : null}
                  <p>
                    Auth: {authText(op)}
                    {op["x-payment-info"]?.description ? ` · Price: ${op["x-payment-info"].description}` : ""}
                  </p>
                  {params.length > 0 ? (
                    <DataTable
                      caption="Parameters"
                      head={["Name", "In", "Type", "Required"]}
                      rows={params.map((p) => [<code>{p.name}</code>, p.in, typeText(p.schema), p.required ? "yes" : "no"])}
                    />
                  ) : null}
                  {json ? <FieldTable doc={doc} schema={json} caption="JSON body" /> : null}
                  <details>
                    <summary>Responses</summary>
                    <ul>
                      {Object.entries(op.responses ?? {}).map(([status, r]) => (
                        <li>
                          <code>{status}</code> {r.description ?? ""}
                        </li>
                      ))}
                    </ul>
                  </details>
                </article>
              );
            })}
        </section>
      ))}
    </>
  );
}
