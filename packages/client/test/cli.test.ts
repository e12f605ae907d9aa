// The `411data` CLI as a user runs it: the built bin, a child process with its own config dir,
// against the real product. Login → whoami → enrich (x402 when the balance is short, then from a
// deposit) → keys → requests → jobs → errors and exit codes → a CSV batch with a progress bar.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { credit, newWallet, product } from "./support.ts";

const pkg = path.resolve(import.meta.dirname, "..");
const bin = path.join(pkg, "dist/cli.js");
// The machine's own node (Node 20 here) rather than the project's Node 22: the CLI promises ≥ 20.
const systemNode = ["/usr/bin/node", "/usr/local/bin/node"].find((p) => existsSync(p)) ?? process.execPath;
const home = mkdtempSync(path.join(os.tmpdir(), "411data-cli-"));
let env: Record<string, string>;
let asset: string;

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const run = spawnSync(systemNode, [bin, "--base-url", product().base, ...args], { env: { ...env, ...extraEnv } as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const json = (out: string) => JSON.parse(out) as any;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(pkg, "scripts/build.ts")], { stdio: "pipe" });
  const wallet = await newWallet(20);
  env = { PATH: process.env.PATH ?? "", HOME: home, XDG_CONFIG_HOME: path.join(home, "config"), DATA411_PRIVATE_KEY: wallet.key };
  asset = `eip155:${product().chainId}:${product().usdc}`;
}, 120_000);

describe("411data CLI", () => {
  it(`runs on ${systemNode} (${execFileSync(systemNode, ["--version"], { encoding: "utf8" }).trim()}) with a complete --help`, () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    for (const cmd of ["login", "whoami", "balance", "deposit", "enrich", "jobs", "batch", "keys", "requests", "Exit codes"]) expect(help.stdout).toContain(cmd);
    expect(cli(["enrich", "--help"]).stdout).toMatch(/phone[\s\S]*person[\s\S]*websearch[\s\S]*lead/);
    expect(cli(["batch", "upload", "--help"]).stdout).toContain("--wait");
  });

  it("login mints from the key in an env var and writes a 0600 config under XDG_CONFIG_HOME", () => {
    const login = cli(["login", "--allowance", "10"]);
    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^logged in as agt_/);
    const file = path.join(home, "config/411data/config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const config = json(readFileSync(file, "utf8"));
    expect(config).toMatchObject({ base_url: product().base, token: expect.stringMatching(/^411_/), agent_id: expect.stringMatching(/^agt_/) });
    expect(JSON.stringify(config)).not.toContain(env.DATA411_PRIVATE_KEY!.slice(2));
    const who = cli(["whoami", "--json"]);
    expect(json(who.stdout).agent_id).toBe(config.agent_id);
    // The same wallet again: no second bearer to show, a clear error, the saved one kept.
    const again = cli(["login"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("ALREADY_MINTED");
    expect(json(readFileSync(file, "utf8")).token).toBe(config.token);
  });

  it("enrich: a short balance is paid by x402 (when the token is allowed), then a deposit pays from the balance; --pretty is a table", () => {
    const refused = cli(["enrich", "phone", "+17242060094"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^error: SPEND_LIMIT_REFUSED: .*\(request req_/);
    const paid = cli(["enrich", "phone", "+17242060094", "--allow-asset", asset]);
    expect(paid.code).toBe(0);
    expect(json(paid.stdout).billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.33 });
    const dep = cli(["deposit", "2.00", "--allow-asset", asset]);
    expect(dep.code).toBe(0);
    expect(dep.stdout).toMatch(/deposited \$2\.00.*balance \$2\.20/);
    const pretty = cli(["enrich", "phone", "(724) 206-0094", "--pretty", "--no-pay"]);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(/^matched: yes/);
    expect(pretty.stdout).toMatch(/NAME\s+AGE\s+PHONES/);
    expect(pretty.stdout).toContain("charged $0.33 (virtual_balance), balance $1.87");
    expect(json(cli(["balance", "--json"]).stdout).virtual_balance_usd).toBe(1.87);
  });

  it("keys create|list|revoke, and requests as a table", () => {
    const created = json(cli(["keys", "create", "--cap", "1.00", "--name", "cli", "--json"]).stdout);
    expect(created.key).toMatch(/^411k_/);
    expect(cli(["keys", "list"]).stdout).toMatch(new RegExp(`${created.key_id}\\s+cli\\s+active`));
    expect(cli(["whoami"], { DATA411_TOKEN: created.key }).stdout).toContain("usage_key");
    expect(cli(["keys", "revoke", created.key_id]).stdout).toContain("revoked");
    const requests = cli(["requests", "--limit", "5"]);
    expect(requests.stdout).toMatch(/REQUEST_ID\s+WHEN\s+CALL/);
    expect(requests.stdout).toContain("DELETE /api/v1/agents/usage-keys/");
    expect(requests.stdout).toContain("more: --cursor");
  });

  it("jobs submit --wait runs a websearch on the queue from the balance", async () => {
    const { agent_id } = json(cli(["whoami", "--json"]).stdout);
    await credit(agent_id, "2");
    const job = cli(["jobs", "submit", "websearch", "--payload", JSON.stringify({ business_name: "Haney Furniture Co", city: "New Castle", state: "PA" }), "--wait", "--json"]);
    expect(job.code).toBe(0);
    expect(json(job.stdout)).toMatchObject({ status: "completed", billing_status: "settled_virtual" });
  });

  it("failures: exit codes by kind, with the error code and request id printed", () => {
    const bad = cli(["enrich", "phone", "123"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: INVALID_PHONE: .* \(request req_\w+\)\n$/);
    const badJson = cli(["enrich", "phone", "123", "--json"]);
    expect(json(badJson.stderr).error).toMatchObject({ code: "INVALID_PHONE", request_id: expect.stringMatching(/^req_/) });
    const auth = cli(["whoami"], { DATA411_TOKEN: "411_agt_nope_nope" });
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/^error: TOKEN_INVALID/);
    expect(cli(["enrich", "phone"]).code).toBe(2);
    expect(cli(["frobnicate"]).code).toBe(2);
    const down = spawnSync(systemNode, [bin, "--base-url", "http://127.0.0.1:9", "balance"], { env: env as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });
    expect(down.status).toBe(5);
    expect(down.stderr).toMatch(/^error: NETWORK_ERROR/);
  });
});
