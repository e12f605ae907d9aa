import { createMiddleware } from "hono/factory";
import { ApiError } from "@411data/core";
import type { AppEnv } from "../context.ts";

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\b/i;

/**
 * Reads a request body once, under the size limit, as strict UTF-8; a JSON body must parse.
 * The text is cached where Hono's validators look for it, so nothing reads the stream twice,
 * and the request log stores exactly what arrived.
 */
export const readBody = createMiddleware<AppEnv>(async (c, next) => {
  const raw = c.req.raw;
  if (!raw.body) return next();
  const limit = c.get("config").MAX_BODY_BYTES;
  const declared = Number(raw.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw tooLarge(limit);

  // A declared length under the limit is the whole body (HTTP framing holds it to that): read it
  // natively in one go; only an undeclared (chunked) body is counted as it streams.
  const bytes = Number.isSafeInteger(declared) && declared >= 0 ? new Uint8Array(await raw.arrayBuffer()) : await readLimited(raw.body, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError("MALFORMED_JSON", "request body is not valid UTF-8");
  }
  c.set("rawBody", text);
  // Hono keeps promises here at run time, whatever its declared type says.
  const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
  cache["text"] = Promise.resolve(text);

  if (JSON_TYPE.test(raw.headers.get("content-type") ?? "") && text.trim() !== "") {
    try {
      // Checked here so every route answers MALFORMED_JSON alike. (Hono's validator parses the
      // text again: its json() reads only the text cache, so a parsed copy here would go unread.)
      JSON.parse(text);
    } catch (err) {
      throw new ApiError("MALFORMED_JSON", "request body is not valid JSON", {
        details: { reason: err instanceof Error ? err.message : String(err) },
      });
    }
  }
  return next();
});

function tooLarge(limit: number) {
  return new ApiError("PAYLOAD_TOO_LARGE", `request body exceeds ${limit} bytes`, {
    details: { max_bytes: limit },
  });
}

async function readLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
