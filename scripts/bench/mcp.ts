// What an MCP tool call adds over the same REST call: the same paid lookup (POST
// /api/v1/enrich/phone) one call at a time, once with fetch and once as the `enrich_phone` tool
// through the official MCP client (2026-07-28, one connected client), alternating so both see the
// same machine. The MCP path is the REST route run in-process behind /mcp, so the difference is
// the protocol: JSON-RPC framing, the bearer check at /mcp, the in-process dispatch.
//
//   node scripts/bench/mcp.ts <base-url> <agent-bearer> [calls]      (against a running `pnpm dev`)
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { type LoadResult, percentile } from "./load.ts";

const PHONE = { phone: "+17242060094" };

export interface McpVsRest {
  restToolSequential: LoadResult;
  mcpToolSequential: LoadResult;
}

export async function mcpVsRest(base: string, bearer: string, calls: number): Promise<McpVsRest> {
  const auth = { authorization: `Bearer ${bearer}` };
  const client = new Client({ name: "411data-bench", version: "1.0.0" }, { versionNegotiation: { mode: "auto" } });
  await client.connect(new StreamableHTTPClientTransport(new URL("/mcp", base), { requestInit: { headers: auth } }));
  const rest = async () => {
    const res = await fetch(`${base}/api/v1/enrich/phone`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify(PHONE) });
    await res.text();
    return res.ok ? null : `${res.status}`;
  };
  const mcp = async () => {
    const result = await client.callTool({ name: "enrich_phone", arguments: PHONE });
    return result.isError ? JSON.stringify(result.structuredContent).slice(0, 300) : null;
  };
  // Warm both paths before timing.
  for (let i = 0; i < 20; i++) await Promise.all([rest(), mcp()]);
  const times = { rest: [] as number[], mcp: [] as number[] };
  const errors = { rest: [] as string[], mcp: [] as string[] };
  for (let i = 0; i < calls; i++) {
    for (const [name, run] of [["rest", rest], ["mcp", mcp]] as const) {
      const t0 = performance.now();
      const failed = await run();
      times[name].push(performance.now() - t0);
      if (failed) errors[name].push(failed);
    }
  }
  await client.close();
  return { restToolSequential: summary(times.rest, errors.rest), mcpToolSequential: summary(times.mcp, errors.mcp) };
}

function summary(times: number[], errors: string[]): LoadResult {
  const total = times.reduce((a, b) => a + b, 0);
  return {
    requests: times.length,
    connections: 1,
    rps: times.length / (total / 1000),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: total / times.length,
    non2xx: errors.length,
    errors: 0,
    statuses: { ok: times.length - errors.length, failed: errors.length },
    ...(errors[0] ? { sampleError: errors[0] } : {}),
  };
}

/** The ratio line of the report: MCP p50 over REST p50, and the milliseconds it adds. */
export function mcpRatio(runs: Partial<McpVsRest>): { ratio: number; addedMs: number } | null {
  const { restToolSequential: rest, mcpToolSequential: mcp } = runs;
  if (!rest || !mcp) return null;
  return { ratio: mcp.p50 / rest.p50, addedMs: mcp.p50 - rest.p50 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [base, bearer, calls = "100"] = process.argv.slice(2);
  if (!base || !bearer) throw new Error("usage: node scripts/bench/mcp.ts <base-url> <agent-bearer> [calls]");
  const runs = await mcpVsRest(base, bearer, Number(calls));
  const r = mcpRatio(runs)!;
  console.log(JSON.stringify({ rest: runs.restToolSequential, mcp: runs.mcpToolSequential }, null, 2));
  console.log(`MCP/REST p50: ${r.ratio.toFixed(2)}× (+${r.addedMs.toFixed(2)} ms per call)`);
}
