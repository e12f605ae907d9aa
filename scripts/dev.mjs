#!/usr/bin/env node
// Runs the whole product locally: D1 migrations applied to the local database, then the Worker in
// workerd through `wrangler dev` (local D1, Durable Objects, Queues; no account, no network).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "8787";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

// Local settings live in .dev.vars (never committed); start from the example on a fresh clone.
if (!existsSync(path.join(root, ".dev.vars"))) {
  copyFileSync(path.join(root, ".dev.vars.example"), path.join(root, ".dev.vars"));
}

const migrate = spawnSync(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, CI: "true" },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const children = [];
const stop = (code = 0) => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(code);
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const wrangler = spawn(
  bin("wrangler"),
  ["dev", "--port", port, "--ip", "127.0.0.1", "--var", `PUBLIC_BASE_URL:http://localhost:${port}`],
  { cwd: root, stdio: "inherit" },
);
children.push(wrangler);
wrangler.on("exit", (code) => stop(code ?? 0));

console.log(`\n411data is starting on http://localhost:${port}  (health: /healthz, API: /openapi.json)\n`);
