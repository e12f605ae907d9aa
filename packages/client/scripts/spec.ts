// The API's OpenAPI document and the client's types generated from it, without a running server:
// the Worker's Hono app answers /openapi.json in this process with the vars of wrangler.jsonc. Only
// this build step imports the server; the published client never does.
import { readFileSync } from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { createApp } from "../../../workers/api/src/app.ts";

const root = path.resolve(import.meta.dirname, "../../..");
export const TYPES_FILE = path.join(root, "packages/client/src/generated/openapi.ts");

export async function dumpSpec(): Promise<Record<string, unknown>> {
  // wrangler.jsonc is JSON with whole-line comments.
  const wrangler = JSON.parse(readFileSync(path.join(root, "wrangler.jsonc"), "utf8").replace(/^\s*\/\/.*$/gm, "")) as {
    vars: Record<string, string>;
  };
  // No Workers runtime here: the rate-limit bindings let this one request through, and /openapi.json
  // reads which catalog routes are switched on from D1: no operator override exists (configuration decides).
  const open = { limit: async () => ({ success: true }) };
  const noOverrides = { prepare: () => ({ bind() { return this; }, first: async () => null, all: async () => ({ results: [] }) }) };
  const env = { ...wrangler.vars, ANON_RATE_LIMITER: open, WALLET_RATE_LIMITER: open, DISCOVERY_RATE_LIMITER: open, DB: noOverrides };
  // The request log writes to D1 after the response; here there is none, and nothing to keep.
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p.catch(() => undefined)), passThroughOnException() {}, props: {} };
  const { error, warn } = console;
  console.error = console.warn = () => undefined;
  try {
    const res = await createApp().request("http://localhost/openapi.json", {}, env, ctx as never);
    if (!res.ok) throw new Error(`/openapi.json answered ${res.status}: ${await res.text()}`);
    const spec = (await res.json()) as Record<string, unknown>;
    await Promise.all(pending);
    return spec;
  } finally {
    Object.assign(console, { error, warn });
  }
}

export async function renderTypes(spec: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(spec as never, { exportType: false, alphabetize: true });
  return (
    "// Generated from the API's /openapi.json by `pnpm --filter @411data/client generate`. Do not edit:\n" +
    "// packages/client/test/types-drift.test.ts fails when this file and the spec disagree.\n" +
    "/* eslint-disable */\n" +
    astToString(ast)
  );
}
