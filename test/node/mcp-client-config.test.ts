import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mcpClientConfig, mcpClientConfigMarkdown } from "../../workers/api/src/mcp/client-config.ts";

// The README's client config is the exported one, so the guides that include it later say the same.
describe("MCP client config snippet", () => {
  it("the README shows exactly mcpClientConfig() for the local product", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    expect(readme).toContain(mcpClientConfig("http://localhost:8787"));
  });

  it("points at /mcp of the origin with a bearer header", () => {
    const config = JSON.parse(mcpClientConfig("https://api.example.com", "411_x")) as { mcpServers: Record<string, { url: string; headers: Record<string, string> }> };
    expect(config.mcpServers["411data"]).toEqual({ type: "http", url: "https://api.example.com/mcp", headers: { Authorization: "Bearer 411_x" } });
    expect(mcpClientConfigMarkdown("https://api.example.com")).toContain("```json");
  });
});
