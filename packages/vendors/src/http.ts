import type { z } from "zod";
import { VendorError } from "./errors.ts";

/** The only way adapters reach a vendor: real `fetch` in production, a sandbox app in tests. */
export type Fetch = (req: Request) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Sends `req` with a deadline. The race matters as much as the signal: an injected fetch (an
 * in-process sandbox, a test double) may ignore `signal`, and the caller must still get a
 * `timeout` on time.
 */
export async function fetchWithTimeout(
  vendor: string,
  fetchFn: Fetch,
  input: string,
  init: RequestInit,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<Response> {
  const ctl = new AbortController();
  const onOuter = (): void => ctl.abort(outer?.reason);
  if (outer) {
    if (outer.aborted) ctl.abort(outer.reason);
    else outer.addEventListener("abort", onOuter, { once: true });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new VendorError({
        vendor,
        kind: "timeout",
        reason: "timeout",
        message: `${vendor} did not answer within ${timeoutMs} ms`,
      });
      ctl.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    const req = new Request(input, { ...init, signal: ctl.signal });
    return await Promise.race([fetchFn(req), deadline]);
  } catch (e) {
    if (e instanceof VendorError) throw e;
    if (ctl.signal.aborted && ctl.signal.reason instanceof VendorError) throw ctl.signal.reason;
    throw new VendorError({
      vendor,
      kind: "unavailable",
      reason: "network",
      message: `${vendor} request failed: ${e instanceof Error ? e.message : String(e)}`,
      cause: e,
    });
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuter);
  }
}

/** Reads a body as JSON and checks it against the vendor schema; anything else is `malformed`. */
export async function readJson<S extends z.ZodType>(
  vendor: string,
  res: Response,
  schema: S,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new VendorError({
      vendor,
      kind: "unavailable",
      reason: "network",
      status: res.status,
      message: `${vendor} body could not be read`,
      cause: e,
    });
  }
  return parseJson(vendor, text, schema, res.status);
}

export function parseJson<S extends z.ZodType>(
  vendor: string,
  text: string,
  schema: S,
  status?: number,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new VendorError({
      vendor,
      kind: "malformed",
      reason: "bad_json",
      message: `${vendor} returned a body that is not JSON`,
      ...(status === undefined ? {} : { status }),
      cause: e,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new VendorError({
      vendor,
      kind: "malformed",
      reason: "schema",
      message: `${vendor} returned an unexpected shape: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")}`,
      ...(status === undefined ? {} : { status }),
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Best-effort read of an error body for the message; never throws. */
export async function errorText(res: Response): Promise<string> {
  try {
    return (await res.text()).slice(0, 500);
  } catch {
    return "";
  }
}

export function trimSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
