// The reference x402 server (x402-reference.ts) as a Worker, for the benchmark's side-by-side in
// workerd. Built on the first request: the in-process facilitator needs no I/O to initialize, but
// Workers forbid I/O in global scope and the env arrives with the request.
import type { Hono } from "hono";
import { type ReferenceConfig, referenceApp } from "./x402-reference.ts";

let app: Hono | undefined;

export default {
  fetch(request: Request, env: ReferenceConfig, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= referenceApp(env);
    return app.fetch(request, env, ctx);
  },
};
