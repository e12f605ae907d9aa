import fc from "fast-check";

// Hostile requests generated from the service's own /openapi.json, so a route added later is
// attacked without anyone listing it here. Every case is built to be *certainly* invalid for the
// operation it targets (wrong type, past a bound, failing a pattern, a missing required field, a
// refused header…), so the only right answer is a 4xx envelope — never a 2xx, never a 5xx.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  $ref?: string;
}

export interface Param {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path template, `{name}` for path parameters. */
  template: string;
  secured: boolean;
  /** `x-payment-info.billing` of a paid operation (on_match, fixed, amount…), or null. */
  billing: string | null;
  params: Param[];
  body: JsonSchema | null;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: Record<string, Record<string, unknown>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every operation in the document, with `$ref`s resolved. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const resolve = <T>(node: unknown): T => {
    let current = node as { $ref?: string };
    for (let hops = 0; current?.$ref && hops < 20; hops++) {
      const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(current.$ref) ?? [];
      current = (doc.components?.[section!]?.[name!] ?? {}) as { $ref?: string };
    }
    return current as T;
  };
  const deep = (schema: JsonSchema): JsonSchema => {
    const s = resolve<JsonSchema>(schema);
    return {
      ...s,
      ...(s.properties ? { properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, deep(v)])) } : {}),
      ...(s.items ? { items: deep(s.items) } : {}),
      ...(s.anyOf ? { anyOf: s.anyOf.map(deep) } : {}),
      ...(s.oneOf ? { oneOf: s.oneOf.map(deep) } : {}),
    };
  };
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | { security?: unknown[]; parameters?: unknown[]; requestBody?: unknown; "x-payment-info"?: { billing?: string } }
        | undefined;
      if (!op) continue;
      const params = (op.parameters ?? []).map((p) => {
        const param = resolve<Param>(p);
        return { ...param, required: Boolean(param.required), schema: deep(param.schema ?? {}) };
      });
      const requestBody = op.requestBody ? resolve<{ content?: Record<string, { schema?: JsonSchema }> }>(op.requestBody) : null;
      const json = requestBody?.content?.["application/json"]?.schema;
      ops.push({
        method: method.toUpperCase() as Operation["method"],
        template,
        secured: Array.isArray(op.security) && op.security.length > 0,
        billing: op["x-payment-info"]?.billing ?? null,
        params,
        body: json ? deep(json) : null,
      });
    }
  }
  return ops;
}

export type Auth = "funded" | "anonymous" | { raw: string };

export interface HostileCase {
  label: string;
  method: string;
  /** Path with any query string. */
  path: string;
  auth: Auth;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface CaseContext {
  /** The funded agent's real bearer and id, for forgeries that look right. */
  token: string;
  agentId: string;
  /** A real `accepts[0]` of a paid operation, keyed by template, for payment headers that look right. */
  accepts: Record<string, Record<string, unknown>>;
  seed: number;
}

const SQL = ["' OR '1'='1' --", "1; DROP TABLE requests; --", "'); DELETE FROM ledger_entries; --"];
const HTML = ["<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>"];
const NASTY = [
  ...SQL,
  ...HTML,
  "\u0000\u0001\u0002",
  "\ud800", // a lone surrogate: valid JSON escape, not valid Unicode
  "\u202egnp.exe",
  "../../../../etc/passwd",
  "%s%s%n%x",
  "__proto__",
  "😀".repeat(50),
  "x".repeat(200_000),
];

const types = (s: JsonSchema): Set<string> => {
  const out = new Set<string>();
  const add = (t: JsonSchema) => {
    for (const x of Array.isArray(t.type) ? t.type : t.type ? [t.type] : []) out.add(x);
    if (t.nullable) out.add("null");
  };
  add(s);
  for (const m of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) add(m);
  if (out.has("integer")) out.add("number");
  return out;
};

const matches = (pattern: string | undefined, value: string) => (pattern ? new RegExp(pattern, "u").test(value) : true);

const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** JSON texts (as sent, so NaN-free but Infinity via 1e309 is possible) no value of `schema` can be. */
export function invalidValues(name: string, schema: JsonSchema): { label: string; raw: string }[] {
  const t = types(schema);
  const out: { label: string; raw: string }[] = [];
  const add = (label: string, value: unknown) => out.push({ label, raw: JSON.stringify(value) });
  const addRaw = (label: string, raw: string) => out.push({ label, raw });
  if (t.size === 0) return out; // free-form (`unknown`): nothing is certainly wrong
  const money = /_usd$/.test(name);

  if (!t.has("null")) add("null", null);
  if (!t.has("boolean")) add("boolean", true);
  if (!t.has("object")) {
    add("object", {});
    add("operator object", { $gt: "" });
  }
  if (!t.has("array")) {
    add("array", ["a", 1]);
    addRaw("deep nesting", deepArray(5_000));
  }
  if (!t.has("number")) {
    add("number", 42);
    add("negative number", -1);
  }
  if (t.has("number") && !money) {
    addRaw("Infinity (1e309)", "1e309");
    addRaw("-Infinity", "-1e309");
    if (types({ ...schema, anyOf: undefined, oneOf: undefined }).has("integer") || schema.anyOf?.some((m) => m.type === "integer")) {
      add("fraction for an integer", 1.5);
    }
    const numeric = [schema, ...(schema.anyOf ?? [])].find((m) => m.type === "integer" || m.type === "number") ?? schema;
    if (numeric.minimum !== undefined) add("below minimum", numeric.minimum - 1);
    if (numeric.maximum !== undefined) add("above maximum", numeric.maximum + 1);
  }
  if (!t.has("string") && !money) add("string", "'; DROP TABLE requests; --");
  if (money) {
    for (const v of ["-1", "-0", "1.0000001", "NaN", "Infinity", "1e3", "0x10", "1,000", "$5", " ", "", "999999999999", "１０", ...SQL, ...HTML]) {
      add(`money ${JSON.stringify(v).slice(0, 24)}`, v);
    }
    for (const v of [-0.01, -1e6, 1e-7, 1e21]) add(`money ${v}`, v);
    addRaw("money -0", "-0");
    addRaw("money 1e309", "1e309");
  }
  if (t.has("string") && !money) {
    const str = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].find((m) => m.type === "string") ?? schema;
    if (str.maxLength !== undefined) {
      add("one past maxLength", "x".repeat(str.maxLength + 1));
      add("multibyte past maxLength", "é".repeat(str.maxLength + 1));
      if (str.maxLength < 100_000) add("huge string", "x".repeat(150_000));
    }
    if ((str.minLength ?? 0) >= 1) add("empty string", "");
    // Only where the field's own rule refuses them: a pattern, an enum, a date, a phone number.
    const dates = str.format === "date-time" ? ["yesterday", "2026-13-45T99:99:99Z"] : [];
    if (str.pattern || str.enum || dates.length > 0 || /(^|_)phone$/.test(name)) {
      for (const v of [...NASTY.slice(0, -1), ...dates]) {
        if (str.enum?.includes(v) || (str.pattern && matches(str.pattern, v))) continue;
        add(`nasty ${JSON.stringify(v).slice(0, 24)}`, v);
      }
    }
    if (str.enum && typeof str.enum[0] === "string") add("enum value in upper case", (str.enum[0] as string).toUpperCase() + "!");
  }
  if (t.has("array") && schema.items) {
    add("array of wrong items", [{ nested: [1, 2, 3] }]);
    if ((schema.minItems ?? 0) >= 1) add("empty array", []);
    if (schema.maxItems !== undefined && schema.items.enum) {
      add("past maxItems", Array.from({ length: schema.maxItems + 1 }, (_, i) => schema.items!.enum![i % schema.items!.enum!.length]));
    }
    if (schema.items.enum) add("array item outside the enum", ["' OR 1=1 --"]);
  }
  return out;
}

/** A body the operation would likely accept, from its examples; only ever used with a refused header. */
export function exampleBody(schema: JsonSchema | null): Record<string, unknown> {
  if (!schema?.properties) return {};
  const body: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (prop.example !== undefined) body[name] = prop.example;
    else if (schema.required?.includes(name)) body[name] = sampleFor(name, prop);
  }
  return body;
}

const SHAPED = [
  "key_AAAAAAAAAAAAAAAA",
  "agt_AAAAAAAAAAAAAAAAAAAA",
  "ej_AAAAAAAAAAAAAAAAAAAAAAAA",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "rch_AAAAAAAAAAAAAAAAAAAA",
  "PA",
  "15853",
];

function sampleFor(name: string, schema: JsonSchema): unknown {
  const t = types(schema);
  if (schema.enum) return schema.enum[0];
  if (/_usd$/.test(name)) return "1.00";
  if (t.has("string")) {
    const str = [schema, ...(schema.anyOf ?? [])].find((m) => m.type === "string") ?? schema;
    if (str.pattern) return SHAPED.find((v) => matches(str.pattern, v)) ?? "x";
    if (str.format === "date-time") return new Date(Date.now() + 3_600_000).toISOString();
    if (str.format === "uri" || str.format === "url") return "https://example.com/hook";
    return "a hostile-suite sample";
  }
  if (t.has("number")) return schema.minimum ?? 1;
  if (t.has("boolean")) return false;
  if (t.has("array")) return schema.items ? [sampleFor(name, schema.items)] : [];
  if (t.has("object")) return {};
  return null;
}

/** A value of a path parameter's shape (for cases that attack something else). */
export function shapedPath(op: Operation): string {
  return op.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = op.params.find((p) => p.in === "path" && p.name === name);
    return encodeURIComponent(String(sampleFor(name, param?.schema ?? { type: "string" })));
  });
}

const JSON_TYPE = { "content-type": "application/json" };

const MALFORMED_JSON = [
  "{",
  '{"a":}',
  "{'a':1}",
  '{"phone": NaN}',
  '{"amount_usd": Infinity}',
  '{"a":1,}',
  "[1,2",
  '{"a":"\\x41"}',
  '{"a":"raw\nnewline"}',
  "undefined",
  "{} trailing",
  "[".repeat(100_000),
  "\u0000",
];

const INVALID_UTF8: [string, number[]][] = [
  ["lone 0xff", [0xff]],
  ["overlong slash", [0xc0, 0xaf]],
  ["UTF-8-encoded surrogate", [0xed, 0xa0, 0x80]],
  ["truncated sequence", [0xe2, 0x82]],
  ["latin-1 é", [0xe9]],
];

const utf8Body = (bad: number[]) => new Uint8Array([...new TextEncoder().encode('{"phone":"'), ...bad, ...new TextEncoder().encode('"}')]);

/** Garbage bearers: shapes of all three token kinds, forged, truncated, oversized, binary. */
export function garbageBearers(ctx: CaseContext): { label: string; value: string }[] {
  const secret = ctx.token.split("_").at(-1)!;
  const fixed: [string, string][] = [
    ["bare 411_", "Bearer 411_"],
    ["bare 411k_", "Bearer 411k_"],
    ["bare 411j_", "Bearer 411j_"],
    ["truncated real bearer", `Bearer ${ctx.token.slice(0, -1)}`],
    ["half a real bearer", `Bearer ${ctx.token.slice(0, ctx.token.length >> 1)}`],
    ["real bearer + 1 char", `Bearer ${ctx.token}A`],
    ["forged secret on the real agent", `Bearer 411_${ctx.agentId}_${"Z".repeat(secret.length)}`],
    ["agent secret as a usage key", `Bearer 411k_${ctx.agentId}_${secret}`],
    ["agent secret as a poll bearer", `Bearer 411j_ej_AAAAAAAAAAAAAAAAAAAAAAAA_${secret}`],
    ["poll bearer shape", `Bearer 411j_ej_AAAAAAAAAAAAAAAAAAAAAAAA_${"x".repeat(40)}`],
    ["SQL in the owner id", "Bearer 411_agt_' OR '1'='1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    ["HTML bearer", "Bearer <script>alert(1)</script>"],
    ["8 KB bearer", `Bearer 411_${"A".repeat(8_000)}`],
    ["Basic scheme", `Basic ${btoa("agent:secret")}`],
    ["scheme only", "Bearer"],
    ["two tokens", `Bearer ${ctx.token} ${ctx.token}`],
    ["Token scheme", `Token ${ctx.token}`],
    ["path traversal owner", "Bearer 411_../../agt_x_yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"],
  ];
  const random = fc.sample(
    fc.tuple(fc.constantFrom("411_", "411k_", "411j_", "411_agt_", ""), fc.string({ unit: "grapheme-ascii", minLength: 0, maxLength: 80 })),
    { seed: ctx.seed, numRuns: 6 },
  );
  return [
    ...fixed.map(([label, value]) => ({ label, value })),
    ...random
      .map(([prefix, rest]) => `Bearer ${prefix}${rest}`.replace(/[\0\r\n]/g, "").trim())
      .map((value, i) => ({ label: `fast-check bearer #${i}`, value })),
  ];
}

/** Garbage PAYMENT-SIGNATURE values, some built around a real `accepts[0]` so they look plausible. */
export function garbagePayments(ctx: CaseContext, template: string): { label: string; value: string }[] {
  const accepted = ctx.accepts[template];
  const b64 = (v: unknown) => btoa(JSON.stringify(v));
  const authorization = {
    from: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    to: accepted?.payTo ?? "0x0000000000000000000000000000000000000000",
    value: String(accepted?.amount ?? "1"),
    validAfter: "0",
    validBefore: String(Math.floor(Date.now() / 1000) + 600),
    nonce: `0x${"11".repeat(32)}`,
  };
  const plausible = { x402Version: 2, accepted, payload: { signature: `0x${"ab".repeat(65)}`, authorization } };
  const fixed: [string, string][] = [
    ["empty", ""],
    ["not base64", "%%%not base64%%%"],
    ["base64 of {}", b64({})],
    ["base64 of null", b64(null)],
    ["base64 of an array", b64([1, 2])],
    ["x402 v1", b64({ x402Version: 1, scheme: "exact" })],
    ["v2 with empty parts", b64({ x402Version: 2, accepted: {}, payload: {} })],
    ["plausible, forged signature", b64(plausible)],
    ["plausible, truncated", b64(plausible).slice(0, 120)],
    ["plausible, amount 1 µUSD", b64({ ...plausible, accepted: { ...accepted, amount: "1" }, payload: { ...plausible.payload, authorization: { ...authorization, value: "1" } } })],
    ["plausible, negative value", b64({ ...plausible, payload: { ...plausible.payload, authorization: { ...authorization, value: "-330000" } } })],
    ["plausible, expired", b64({ ...plausible, payload: { ...plausible.payload, authorization: { ...authorization, validBefore: "1" } } })],
    ["SQL in the nonce", b64({ ...plausible, payload: { ...plausible.payload, authorization: { ...authorization, nonce: "'; DROP TABLE x402_payments; --" } } })],
    ["20 KB of x", "x".repeat(20_000)],
    ["base64 of deep nesting", btoa(deepArray(2_000))],
  ];
  const random = fc.sample(fc.base64String({ minLength: 4, maxLength: 400 }), { seed: ctx.seed + 1, numRuns: 4 });
  return [...fixed.map(([label, value]) => ({ label, value })), ...random.map((value, i) => ({ label: `fast-check base64 #${i}`, value }))];
}

const IDEMPOTENCY_KEYS: [string, string][] = [
  ["empty", ""],
  ["256 chars", "k".repeat(256)],
  ["space inside", "crm row 1"],
  ["control character", "row-\x7f"],
  ["tab", "a\tb"],
];

/** All hostile cases for one operation. */
export function hostileCases(op: Operation, ctx: CaseContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const name = `${op.method} ${op.template}`;
  const path = shapedPath(op);
  const takesBody = op.method !== "GET";
  const valid = JSON.stringify(exampleBody(op.body));
  // Cases that pass authentication where they can, so validation is what refuses them.
  const own: Auth = op.secured ? "funded" : "anonymous";
  const push = (label: string, c: Omit<HostileCase, "label" | "method"> & { method?: string }) =>
    cases.push({ method: op.method, ...c, label: `${name} ${label}` });

  // Bodies that cannot be read at all: every operation that takes one refuses these first.
  if (takesBody) {
    for (const text of MALFORMED_JSON) push(`malformed JSON ${JSON.stringify(text.slice(0, 16))}`, { path, auth: own, headers: JSON_TYPE, body: text });
    for (const [label, bytes] of INVALID_UTF8) {
      push(`invalid UTF-8 (${label})`, { path, auth: own, headers: JSON_TYPE, body: utf8Body(bytes) });
      push(`invalid UTF-8 as text/plain (${label})`, { path, auth: own, headers: { "content-type": "text/plain" }, body: utf8Body(bytes) });
    }
    push("body past MAX_BODY_BYTES", { path, auth: own, headers: JSON_TYPE, body: JSON.stringify({ blob: "y".repeat(1_100_000) }) });
  }

  if (op.body) {
    const schema = op.body;
    const required = schema.required ?? [];
    if (types(schema).has("object")) {
      for (const raw of ["null", "true", "42", '"a string"', "[]", "[{}]", deepArray(20_000)]) {
        push(`top-level ${raw.slice(0, 12)}`, { path, auth: own, headers: JSON_TYPE, body: raw });
      }
      if (required.length > 0) {
        push("empty object", { path, auth: own, headers: JSON_TYPE, body: "{}" });
        push("prototype pollution", { path, auth: own, headers: JSON_TYPE, body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}' });
      }
    }
    const base = exampleBody(schema);
    for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
      // 1. The rest of the body valid, this field certainly not.
      for (const v of invalidValues(prop, propSchema)) {
        const rest = Object.entries(base).filter(([k]) => k !== prop).map(([k, val]) => `${JSON.stringify(k)}:${JSON.stringify(val)}`);
        push(`body.${prop} ← ${v.label}`, { path, auth: own, headers: JSON_TYPE, body: `{${[...rest, `${JSON.stringify(prop)}:${v.raw}`].join(",")}}` });
      }
      // 2. Nasty strings in any field of a body that lacks another required field.
      if (required.some((r) => r !== prop)) {
        for (const v of NASTY) push(`body.${prop} ← nasty ${JSON.stringify(v).slice(0, 20)} (required field missing)`, { path, auth: own, headers: JSON_TYPE, body: JSON.stringify({ [prop]: v }) });
      }
    }
    // A readable, likely-valid body under a media type the operation does not take.
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/xml", "application/jsonx"]) {
      push(`content-type ${type}`, { path, auth: own, headers: { "content-type": type }, body: valid });
    }
  }

  if (op.method === "POST") {
    for (const [label, key] of IDEMPOTENCY_KEYS) push(`Idempotency-Key ${label}`, { path, auth: own, headers: { ...JSON_TYPE, "idempotency-key": key }, body: valid });
  }

  if (op.secured) {
    for (const b of garbageBearers(ctx)) {
      push(`bearer ${b.label}`, { path, auth: { raw: b.value }, headers: takesBody ? JSON_TYPE : {}, ...(takesBody ? { body: valid } : {}) });
    }
  }

  if (op.billing) {
    // Without a bearer a paid route reads the payment header; deposits need the bearer and pay by header only.
    const payer: Auth = op.billing === "amount" ? "funded" : "anonymous";
    for (const p of garbagePayments(ctx, op.template)) {
      push(`PAYMENT-SIGNATURE ${p.label}`, { path, auth: payer, headers: { ...JSON_TYPE, "payment-signature": p.value }, body: valid });
    }
  }

  for (const param of op.params.filter((p) => p.in === "path")) {
    for (const v of [...SQL, ...HTML, "..%2F..%2Fetc", "%00", "x".repeat(5_000), "ключ", "key_AAAAAAAAAAAAAAA"]) {
      if (matches(param.schema.pattern, decodeURIComponent(v))) continue;
      const bad = op.template.replace(`{${param.name}}`, v.includes("%") ? v : encodeURIComponent(v));
      push(`path ${param.name} ← ${v.slice(0, 20)}`, { path: shapedPath({ ...op, template: bad }), auth: own, headers: takesBody ? JSON_TYPE : {}, ...(takesBody ? { body: valid } : {}) });
    }
    push(`path ${param.name} ← well-shaped but unknown`, { path, auth: own, headers: takesBody ? JSON_TYPE : {}, ...(takesBody ? { body: valid } : {}) });
  }

  for (const param of op.params.filter((p) => p.in === "query")) {
    const t = types(param.schema);
    const values: string[] = [];
    if (t.has("number")) values.push("abc", "-1", "1.5", "NaN", "Infinity", "1e400", ...SQL, ...HTML);
    if (param.schema.maximum !== undefined) values.push(String(param.schema.maximum + 1));
    if (t.has("string") && param.schema.maxLength !== undefined) values.push("q".repeat(param.schema.maxLength + 1));
    if (param.name === "cursor") values.push("%%%", btoa("not json"), btoa(JSON.stringify({ a: 1 })), ...SQL.map((s) => btoa(s)));
    for (const v of values) push(`query ${param.name}=${v.slice(0, 20)}`, { path: `${path}?${param.name}=${encodeURIComponent(v)}`, auth: own, headers: {} });
  }
  return cases;
}

/** Methods no operation of a path answers: each must be a 405 envelope naming the served methods, not a crash. */
export function wrongMethodCases(ops: Operation[]): HostileCase[] {
  const byPath = new Map<string, Operation[]>();
  for (const op of ops) byPath.set(op.template, [...(byPath.get(op.template) ?? []), op]);
  const cases: HostileCase[] = [];
  for (const [template, list] of byPath) {
    const served = new Set(list.map((o) => o.method));
    const path = shapedPath(list[0]!);
    for (const method of ["PUT", "PATCH", "DELETE", "POST"].filter((m) => !served.has(m as Operation["method"]))) {
      cases.push({ label: `${method} ${template} (not served)`, method, path, auth: list[0]!.secured ? "funded" : "anonymous", headers: JSON_TYPE, body: "{}" });
    }
  }
  return cases;
}
