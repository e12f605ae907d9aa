import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { freePort } from "../scripts/lib/free-port.ts";
import { ignoreMissingSourceMaps } from "./setup/missing-source-maps.ts";

export default defineConfig(async () => {
  const root = path.join(import.meta.dirname, "..");
  const migrations = await readD1Migrations(path.join(root, "d1-migrations"));
  // The suites' own anvil (started in globalSetup) listens on a port free right now.
  process.env.TEST_CHAIN_PORT ??= String(await freePort());
  const rpcUrl = `http://127.0.0.1:${process.env.TEST_CHAIN_PORT}`;
  // The callback receiver (globalSetup) is the one loopback port callbacks may reach in tests.
  process.env.TEST_CALLBACK_PORT ??= String(await freePort());
  return {
    plugins: [
      ignoreMissingSourceMaps(),
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.jsonc") },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "test",
            QUEUE_RETRY_BASE_SEC: "0",
            // The suites fund fresh wallets just before minting; money.starting-credit.test.ts runs the real lookback.
            STARTING_CREDIT_LOOKBACK_BLOCKS: "0",
            CHAIN_RPC_URL: rpcUrl,
            // anvil's public dev account 5: the in-process facilitator's gas payer on the test chain.
            FACILITATOR_PRIVATE_KEY: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            OPERATOR_SECRET: "test-operator-secret",
            MPP_SECRET_KEY: "test-mpp-challenge-hmac-key-0123456789abcdef",
            CALLBACKS_ALLOW_LOOPBACK: "true",
            CALLBACKS_LOOPBACK_PORTS: process.env.TEST_CALLBACK_PORT,
          },
          // Overrides replace the wrangler consumer settings, so retries and the DLQ are repeated.
          queueConsumers: {
            "enrich-jobs": { maxBatchTimeout: 0.05, maxRetries: 2, deadLetterQueue: "enrich-jobs-dlq" },
            "enrich-websearch": { maxBatchTimeout: 0.05, maxRetries: 2, deadLetterQueue: "enrich-jobs-dlq" },
            "enrich-callbacks": { maxBatchTimeout: 0.05, maxRetries: 2, deadLetterQueue: "enrich-jobs-dlq" },
            "request-log-retries": { maxBatchTimeout: 0.05, maxRetries: 2, deadLetterQueue: "enrich-jobs-dlq" },
            "enrich-jobs-dlq": { maxBatchTimeout: 0.05 },
          },
        },
      }),
    ],
    resolve: { dedupe: ["vitest"] },
    test: {
      name: "workerd",
      include: ["workerd/**/*.test.ts"],
      globalSetup: ["./setup/local-chain.ts", "./setup/callback-receiver.ts"],
      setupFiles: ["./setup/apply-migrations.ts", "./setup/capture-logs.ts"],
      testTimeout: 30_000,
      // The pool hands workerd every cached module of a file's import graph in one WebSocket
      // message, which workerd caps at 1 MiB; past that the worker dies ("Message is too large").
      // Without the on-disk module cache each module is fetched on its own.
      fsModuleCache: false,
      teardownTimeout: 60_000,
    },
  };
});
