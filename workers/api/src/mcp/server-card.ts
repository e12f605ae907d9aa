import type { OpenAPIHono } from "@hono/zod-openapi";
import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/server";
import { isCatalogTier } from "../capabilities/registry.ts";
import { type Config, publicOrigin } from "../config.ts";
import type { AppEnv } from "../context.ts";
import { INSTRUCTIONS, SERVER_INFO } from "./server.ts";
import { toolDefinitions } from "./tools.ts";

// The MCP Server Card (SEP-2127, served at /.well-known/mcp/server-card): what a client or a
// registry can know before connecting. The live answer to the same question is `server/discover`
// (2026-07-28), which the SDK serves on /mcp itself.

/** The SDK serves 2026-07-28 besides the 2025 revisions it lists as supported. */
const MODERN_VERSIONS = ["2026-07-28"];
const TARGET = "draft-2020-12";

export function serverCard(app: OpenAPIHono<AppEnv>, config: Config) {
  const { origin, host } = publicOrigin(config);
  return {
    $schema: "https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json",
    name: `${host.split(":")[0]!.split(".").reverse().join(".")}/enrichment`,
    version: SERVER_INFO.version,
    title: "411data",
    description: INSTRUCTIONS,
    websiteUrl: origin,
    remotes: [
      {
        type: "streamable-http",
        url: new URL("/mcp", origin).toString(),
        supportedProtocolVersions: [...MODERN_VERSIONS, ...SUPPORTED_PROTOCOL_VERSIONS],
        headers: [
          {
            name: "Authorization",
            description: "Bearer 411_… (agent) or 411k_… (usage key). Optional: without it, paid tools ask for an x402 payment per call.",
            isRequired: false,
            isSecret: true,
          },
        ],
        authentication: { required: false, schemes: ["bearer"] },
      },
    ],
    capabilities: { tools: { listChanged: false } },
    // Catalog-tier tools appear on /mcp while their route is on; the card lists what is always there.
    tools: toolDefinitions(app, (cap) => !isCatalogTier(cap)).map((t) => ({
      name: t.cap.tool,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema["~standard"].jsonSchema.input({ target: TARGET }),
      ...(t.outputSchema ? { outputSchema: t.outputSchema["~standard"].jsonSchema.output({ target: TARGET }) } : {}),
      annotations: t.annotations,
    })),
  };
}
