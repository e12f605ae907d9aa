import { afterAll, describe, expect, it } from "vitest";
import { mcpClient } from "./support/mcp.ts";

describe("MCP tools/list", () => {
  it("lists", async () => {
    const client = await mcpClient();
    const { tools } = await client.listTools();
    console.log(JSON.stringify(tools.map((t) => t.name)));
    console.log(JSON.stringify(tools[0], null, 1).slice(0, 3000));
    expect(tools.length).toBeGreaterThan(5);
  });
});
