import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ANVIL_ADDRESSES } from "./accounts.ts";
import { TEST_USDC_ADDRESS } from "./constants.ts";
import { usdcBalanceOf } from "./deploy.ts";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));

describe("cli up", () => {
  it("starts a funded chain, prints it, writes the env file, and shuts down on SIGTERM", async () => {
    const envFile = join(mkdtempSync(join(tmpdir(), "chain-cli-")), ".dev.vars");
    writeFileSync(envFile, "KEEP_ME=1\nUSDC_ADDRESS=stale\n");
    const child = spawn(process.execPath, [cli, "up", "--port", "0", "--write-env", envFile], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const summary = await new Promise<{ rpcUrl: string; chainId: number; usdc: string }>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          try {
            resolve(JSON.parse(out));
          } catch {
            // The JSON may arrive in several chunks.
          }
        });
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        void exited.then((code) => reject(new Error(`cli exited ${code}: ${err}`)));
      });

      expect(summary).toMatchObject({ chainId: 31337, usdc: TEST_USDC_ADDRESS });
      expect(
        await usdcBalanceOf({ rpcUrl: summary.rpcUrl, usdc: TEST_USDC_ADDRESS, address: ANVIL_ADDRESSES[4] }),
      ).toBe(1_000_000_000n);
      expect(readFileSync(envFile, "utf8")).toBe(
        `KEEP_ME=1\nUSDC_ADDRESS=${TEST_USDC_ADDRESS}\nCHAIN_RPC_URL=${summary.rpcUrl}\nCHAIN_ID=31337\n`,
      );

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await expect(fetch(summary.rpcUrl, { method: "POST" })).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
