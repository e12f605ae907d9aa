// How to add this server to an MCP client, for the README and the generated guides (skill.md,
// llms.txt) to include. `{origin}` and `{token}` are placeholders for the deployment and the bearer.

/** Claude Desktop / Cursor style `mcpServers` entry for a remote Streamable HTTP server. */
export function mcpClientConfig(origin: string, token = "411_…"): string {
  const config = {
    mcpServers: {
      "411data": {
        type: "http",
        url: new URL("/mcp", origin).toString(),
        headers: { Authorization: `Bearer ${token}` },
      },
    },
  };
  return JSON.stringify(config, null, 2);
}

/** The same snippet as Markdown, for a guide page. */
export function mcpClientConfigMarkdown(origin: string): string {
  return [
    "Add the MCP server to a client (Streamable HTTP; the bearer is optional: without one, paid tools ask for an x402 payment per call):",
    "",
    "```json",
    mcpClientConfig(origin),
    "```",
  ].join("\n");
}
