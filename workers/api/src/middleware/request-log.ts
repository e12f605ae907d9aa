import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { doorOf } from "../capabilities/door.ts";
import type { AppEnv } from "../context.ts";
import { keyedHash } from "../services/identity/server-key.ts";
import { logRequest, redactHeaders, storedBody } from "../services/request-log.ts";

const STORED_RESPONSE_TYPES = /^(application\/([a-z0-9.+-]*\+)?json|text\/(plain|csv|markdown))/i;

/** Stores every exchange, whatever its status, after the response is built. */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const latency = Math.round(performance.now() - started);
  const res = c.res;
  const log = c.get("log");
  const contentType = res.headers.get("content-type") ?? "";
  // JSON and text answers are small and already whole in memory: take their text now and hand the
  // client an identical response. A clone would tie the log to the client reading its copy, so a
  // caller that hangs up early would stall the write.
  let responseText: string | null = null;
  // A stream (the chat agent's SSE) is logged when it ends: its billing is only known then, and
  // the row keeps the events the client was sent.
  let streamEnded: Promise<void> = Promise.resolve();
  if (STORED_RESPONSE_TYPES.test(contentType) && res.body) {
    responseText = await res.text();
    c.res = new Response(responseText, res);
  } else if (/^text\/event-stream/i.test(contentType) && res.body) {
    let ended!: () => void;
    streamEnded = new Promise((resolve) => (ended = resolve));
    c.res = new Response(
      tapStream(res.body, (text) => {
        responseText = text;
        ended();
      }),
      res,
    );
  }
  const req = c.req.raw;
  const address = req.headers.get("cf-connecting-ip");

  const write = async () => {
    await streamEnded;
    const row = {
      id: c.get("requestId"),
      created_at: new Date().toISOString(),
      method: req.method,
      path: new URL(req.url).pathname.slice(0, 2048),
      route: handlerRoute(c),
      status: res.status,
      agent_id: log.agentId ?? null,
      key_id: log.keyId ?? null,
      // Keyed: an unkeyed hash of an IPv4 address is undone by hashing all 2³² of them.
      client_ip_hash: address ? (await keyedHash(c.env, "client-address", address)).slice(0, 16) : null,
      request_headers: JSON.stringify(await redactHeaders(req.headers)),
      request_body: storedBody(c.get("rawBody")),
      response_body: storedBody(responseText ?? `[${contentType || "no body"}]`),
      latency_ms: latency,
      price_micros: log.priceMicros ?? null,
      charged_micros: log.chargedMicros ?? null,
      cogs_micros: log.cogsMicros ?? null,
      payment_mode: log.paymentMode ?? null,
      vendor_hops: log.vendorHops ? JSON.stringify(log.vendorHops) : null,
      error_code: log.errorCode ?? null,
      door: doorOf(req),
    };
    await logRequest(c.env, row);
  };
  c.executionCtx.waitUntil(write().catch((err) => console.error("request log lost", err)));
});

const MAX_STORED_STREAM_CHARS = 64 * 1024;

/** Passes a stream through untouched and reports what went by when it ends or the client leaves. */
function tapStream(body: ReadableStream<Uint8Array>, done: (text: string) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    done(text);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done: finished, value } = await reader.read();
      if (finished) {
        report();
        controller.close();
        return;
      }
      if (text.length < MAX_STORED_STREAM_CHARS) text += decoder.decode(value, { stream: true });
      controller.enqueue(value);
    },
    cancel(reason) {
      report();
      return reader.cancel(reason);
    },
  });
}

/** The route pattern of the handler the request was meant for, even when middleware answered first. */
function handlerRoute(c: Context<AppEnv>): string {
  const handler = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return handler?.path ?? "(unmatched)";
}
