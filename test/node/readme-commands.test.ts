import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port.ts";

// The README's shell blocks, run as written by a new user: in a fresh copy of the repository (no
// .dev.vars, no local state), with PORT and CHAIN_PORT moved to free ports, in one bash session so
// a later block uses what an earlier one set (BASE, TOKEN, OPERATOR_SECRET). Two substitutions,
// both in the shell rather than in the text: `npx -y pnpm@10.34.9 install` is skipped (the copy
// links this checkout's node_modules; installing would reach the network), and the other
// `npx -y pnpm@10.34.9 …` run the pnpm that runs this test, the same version. curl fails on an
// HTTP error, so a command that answers 4xx/5xx fails the test with the body it printed.

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Blocks a test run cannot take: this very command, the long benchmark, a Cloudflare account. */
const NOT_RUN: [RegExp, string][] = [
  [/pnpm@10\.34\.9 test\b/, "the test command itself"],
  [/pnpm@10\.34\.9 bench\b/, "the three-minute benchmark (scripts/bench.ts has its own run)"],
  [/wrangler d1 create|pnpm@10\.34\.9 deploy\b/, "needs a Cloudflare account"],
  // Writes a login to the user's config directory; the client project runs the CLI against the
  // real product in its own suite.
  [/^alias 411data=/m, "the CLI tour (the client project's suite runs the CLI)"],
];
const isStart = (block: string) => /pnpm@10\.34\.9 dev\b/.test(block);
const skipped = (block: string) => NOT_RUN.find(([re]) => re.test(block))?.[1];

// The pnpm running this suite (pnpm sets npm_execpath for its scripts); npx's cached copy otherwise.
const pnpmJs = process.env.npm_execpath?.includes("pnpm") ? process.env.npm_execpath : null;
const SHELL_PRELUDE = `
set -euo pipefail
npx() {
  if [ "\${1:-}" = "-y" ] && [ "\${2:-}" = "pnpm@10.34.9" ]; then
    shift 2
    if [ "\${1:-}" = "install" ]; then echo "(install skipped: node_modules is linked)"; return 0; fi
    ${pnpmJs ? `"${process.execPath}" "${pnpmJs}" "$@"` : `command npx -y pnpm@10.34.9 "$@"`}
  else
    command npx "$@"
  fi
}
curl() { command curl --fail-with-body --max-time 120 "$@"; }
`;

/** A fresh checkout: the files git knows (committed or not, never ignored ones), node_modules linked. */
function freshCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "411data-readme-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      copyFileSync(path.join(root, file), path.join(dir, file));
    } catch {
      // listed but deleted in the working tree
    }
  }
  const workspaces = [".", ...readdirSync(path.join(root, "packages")).map((p) => `packages/${p}`)];
  for (const modules of workspaces.map((w) => path.join(w, "node_modules")).filter((m) => existsSync(path.join(root, m)))) {
    symlinkSync(path.join(root, modules), path.join(dir, modules));
  }
  return dir;
}

let copy: string | null = null;
let dev: ChildProcess | null = null;
let devOutput = "";

afterAll(async () => {
  // Only if the test failed before its Ctrl-C: whatever is left of the group it started.
  if (dev?.pid && groupMembers(dev.pid).length > 0) process.kill(-dev.pid, "SIGKILL");
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Processes still in process group `pgid` (Linux /proc), e.g. a chain or workerd left behind. */
function groupMembers(pgid: number): string[] {
  const members: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      // after "pid (comm)": state ppid pgrp …
      if (Number(stat.slice(close + 2).split(" ")[2]) === pgid) members.push(stat.slice(stat.indexOf("(") + 1, close));
    } catch {
      // ended while we looked
    }
  }
  return members;
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (dev?.exitCode !== null && dev?.exitCode !== undefined) throw new Error(`pnpm dev exited (${dev.exitCode}) before ${what}:\n${devOutput.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${devOutput.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("the README's commands, as a new user runs them, on moved ports", () => {
  it("every shell block is run or named here with the reason it is not", () => {
    expect(blocks.filter(isStart)).toHaveLength(1);
    const run = blocks.filter((b) => !isStart(b) && !skipped(b));
    expect(run.length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter((b) => skipped(b)).length).toBe(NOT_RUN.length);
  });

  it(
    "pnpm dev starts on PORT/CHAIN_PORT and runs the demo; the later blocks work in order; Ctrl-C stops cleanly",
    async () => {
      copy = freshCopy();
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), CHAIN_PORT: String(await freePort()) };
      delete (env as Record<string, unknown>).BASE_URL;
      delete (env as Record<string, unknown>).CHAIN_RPC_URL;

      // 1. The start block, in its own process group so a Ctrl-C can be sent the way a terminal does.
      const started = spawn("bash", ["-c", `${SHELL_PRELUDE}\n${blocks.find(isStart)!}`], { cwd: copy, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      dev = started;
      started.stdout!.on("data", (d) => (devOutput += d));
      started.stderr!.on("data", (d) => (devOutput += d));
      await waitFor(() => devOutput.includes("Still serving on"), "the demo to finish", 240_000);
      expect(devOutput).toContain(`411data is running on http://localhost:${env.PORT}`);
      expect(devOutput).toMatch(/POST \/api\/v1\/agents\/wallet-register → 200/);
      expect(devOutput).toMatch(/POST \/api\/v1\/enrich\/phone on the balance → 200/);
      expect(devOutput).toMatch(/POST \/api\/v1\/enrich\/phone paid with x402 → 200/);
      expect(devOutput).toContain("settlement on the local chain");
      expect(devOutput).not.toMatch(/the demo failed|ECONNREFUSED/);
      expect(devOutput).toContain(`Run the demo again with: PORT=${env.PORT} CHAIN_PORT=${env.CHAIN_PORT} npx -y pnpm@10.34.9 demo`);

      // 2. Every other block, in README order, in one shell session.
      const script = blocks
        .filter((b) => !isStart(b) && !skipped(b))
        .map((b, i) => `echo "=== README block ${i + 1}"\n${b}`)
        .join("\n");
      const run = spawn("bash", ["-c", `${SHELL_PRELUDE}\n${script}`], { cwd: copy, env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      run.stdout!.on("data", (d) => (out += d));
      run.stderr!.on("data", (d) => (out += d));
      const code = await new Promise<number | null>((resolve) => run.once("exit", resolve));
      if (code !== 0) throw new Error(`a README block failed (exit ${code}):\n${out.slice(-6000)}`);
      expect(out).toContain(`411data demo against http://localhost:${env.PORT}`);
      expect(out).toMatch(/"token":"411_[0-9A-Za-z_]+"/);
      expect(out).toMatch(/"virtual_balance_usd":10\.2/);
      expect(out).toContain('"schema":"lead_enrichment_v1"');

      // 3. Ctrl-C: SIGINT to the whole foreground group, as a terminal sends it.
      // The shells npx and pnpm put in between die of it (a terminal shows nothing for that), so
      // what counts is the output and that every process of the group is gone.
      const mark = devOutput.length;
      const exited = new Promise<void>((resolve) => started.once("exit", () => resolve()));
      process.kill(-started.pid!, "SIGINT");
      await exited;
      const deadline = Date.now() + 20_000;
      while (groupMembers(started.pid!).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const after = devOutput.slice(mark);
      expect(groupMembers(started.pid!), after).toEqual([]);
      expect(after).not.toMatch(/taken\?|Command failed|ELIFECYCLE|could not start|stopping everything|Error/);
    },
    420_000,
  );
});
