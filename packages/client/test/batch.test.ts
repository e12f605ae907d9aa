// client.batch.* and `411data batch upload --wait` against the real Worker. The batch routes come
// with issue #17; until they are on this server the suite is skipped, saying so, and for no other reason.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fundedAgent, product } from "./support.ts";

const spec = (await (await fetch(`${product().base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
const hasBatch = "/api/v1/batch/enrich/upload" in spec.paths;
const title = hasBatch ? "batch" : "batch — SKIPPED: the server has no /api/v1/batch routes yet (issue #17 not merged)";

const CSV = ["contact_id,name,phone", "1,Walter Pennington,+17242060094", "2,Nobody Known,+15550100404", "3,Bad Number,123", "4,Doris Pennington,+17243310917", ""].join("\n");
const parseCsv = (text: string) => text.trim().split(/\r?\n/).map((l) => l.split(","));

describe.skipIf(!hasBatch)(title, () => {
  it("upload → wait with progress → results CSV → list; billing is the matched rows' price", async () => {
    const { client } = await fundedAgent("5");
    const accepted = await client.batch.upload({ csv: CSV, filename: "leads.csv", route: "enrich/phone" });
    expect(accepted.batch_id).toMatch(/^eb_/);
    expect(accepted.poll_bearer).toMatch(/^411j_/);
    expect(accepted.counts).toMatchObject({ rows: 4, invalid: 1 });
    expect(accepted.invalid_rows[0]).toMatchObject({ line: 4 });
    const seen: number[] = [];
    const ended = await client.batch.wait(accepted.batch_id, { intervalMs: 200, onProgress: (b) => seen.push(b.progress.done) });
    expect(ended.status).toBe("completed");
    expect(seen.at(-1)).toBe(accepted.counts.unique);
    expect(ended.billing.charged_usd).toBeCloseTo(ended.progress.matched * 0.33, 6);
    const csv = parseCsv(await client.batch.results(accepted.batch_id));
    expect(csv[0]).toEqual(expect.arrayContaining(["contact_id", "name", "phone"]));
    expect(csv.length - 1).toBeGreaterThanOrEqual(accepted.counts.unique);
    const jsonl = (await client.batch.results(accepted.batch_id, { format: "jsonl", pollBearer: accepted.poll_bearer })).trim().split("\n");
    expect(jsonl.length).toBeGreaterThanOrEqual(accepted.counts.unique);
    expect((await client.batch.list()).batches.map((b) => b.batch_id)).toContain(accepted.batch_id);
    expect((await client.batch.get(accepted.batch_id, { pollBearer: accepted.poll_bearer })).status).toBe("completed");
  });

  it("cancel: the batch ends cancelled or already completed, and only matched rows are billed", async () => {
    const { client } = await fundedAgent("20");
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},Walter Pennington,+17242060094`);
    const accepted = await client.batch.upload({ csv: ["contact_id,name,phone", ...rows].join("\n"), route: "enrich/phone" });
    const cancelled = await client.batch.cancel(accepted.batch_id);
    expect(cancelled.batch_id).toBe(accepted.batch_id);
    const ended = await client.batch.wait(accepted.batch_id, { intervalMs: 200 });
    expect(["cancelled", "completed"]).toContain(ended.status);
    expect(ended.billing.charged_usd).toBeCloseTo(ended.progress.matched * 0.33, 6);
  });

  it("`411data batch upload FILE --wait`: a live bar on a terminal, none in a pipe, the results CSV written at the end", async () => {
    const pkg = path.resolve(import.meta.dirname, "..");
    if (!existsSync(path.join(pkg, "dist/cli.js"))) execFileSync(process.execPath, [path.join(pkg, "scripts/build.ts")]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "411data-cli-batch-"));
    const { client } = await fundedAgent("5");
    const file = path.join(dir, "leads.csv");
    writeFileSync(file, CSV);
    const env = { PATH: process.env.PATH ?? "", HOME: dir, XDG_CONFIG_HOME: dir, DATA411_TOKEN: client.token!, DATA411_BASE_URL: product().base } as Record<string, string> as NodeJS.ProcessEnv;
    const out = path.join(dir, "results.csv");
    // `script` gives the CLI a pseudo-terminal, as a user's shell would.
    const command = [process.execPath, path.join(pkg, "dist/cli.js"), "batch", "upload", file, "--route", "enrich/phone", "--wait", "--out", out].map((a) => `'${a}'`).join(" ");
    const tty = spawnSync("script", ["-qec", command, "/dev/null"], { env, encoding: "utf8", timeout: 60_000 });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/\r\x1b\[2K\[#+-*\] \d+\/3 /);
    expect(tty.stdout).toMatch(/completed: \d+ matched/);
    expect(tty.stdout).toContain(`results: ${out}`);
    expect(parseCsv(readFileSync(out, "utf8"))[0]).toEqual(expect.arrayContaining(["contact_id", "phone"]));
    const piped = spawnSync(process.execPath, [path.join(pkg, "dist/cli.js"), "batch", "upload", file, "--route", "enrich/phone", "--wait", "--out", path.join(dir, "piped.csv")], { env, encoding: "utf8", timeout: 60_000 });
    expect(piped.status).toBe(0);
    expect(piped.stderr).not.toMatch(/\r|\x1b/);
    expect(existsSync(path.join(dir, "piped.csv"))).toBe(true);
  });
});
