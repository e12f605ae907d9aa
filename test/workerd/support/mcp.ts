import { exports } from "cloudflare:workers";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { BASE } from "./http.ts";

export type Era = "modern" | "legacy";

/**
 * The official MCP client over Streamable HTTP, talking to the real Worker entry. `modern`
 * negotiates 2026-07-28 with server/discover; `legacy` speaks the 2025 initialize handshake.
 */
export async function mcpClient(opts: { auth?: Record<string, string>; era?: Era } = {}): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    ...(opts.auth ? { requestInit: { headers: opts.auth } } : {}),
  });
  const client = new Client(
    { name: "411data-tests", version: "1.0.0" },
    { versionNegotiation: { mode: opts.era === "legacy" ? "legacy" : "auto" } },
  );
  await client.connect(transport);
  return client;
}

export interface ToolAnswer<T = Record<string, unknown>> {
  isError: boolean;
  structured: T;
  text: string;
  /** Every text block (a payment request adds the error envelope after the PaymentRequired). */
  texts: string[];
  meta: Record<string, unknown>;
}

/** tools/call, with the result's parts named the way the tests read them. */
export async function callTool<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  meta?: Record<string, unknown>,
): Promise<ToolAnswer<T>> {
  const result = await client.callTool({ name, arguments: args, ...(meta ? { _meta: meta } : {}) });
  const texts = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? "");
  return {
    isError: result.isError === true,
    structured: result.structuredContent as T,
    text: texts[0] ?? "",
    texts,
    meta: (result._meta ?? {}) as Record<string, unknown>,
  };
}
