import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const root = path.join(import.meta.dirname, "..");
  const migrations = await readD1Migrations(path.join(root, "d1-migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.jsonc") },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ENVIRONMENT: "test", QUEUE_RETRY_BASE_SEC: "0" },
          // Overrides replace the wrangler consumer settings, so retries and the DLQ are repeated.
          queueConsumers: {
            "enrich-jobs": { maxBatchTimeout: 0.05, maxRetries: 2, deadLetterQueue: "enrich-jobs-dlq" },
            "enrich-jobs-dlq": { maxBatchTimeout: 0.05 },
          },
        },
      }),
    ],
    resolve: { dedupe: ["vitest"] },
    test: {
      name: "workerd",
      include: ["workerd/**/*.test.ts"],
      setupFiles: ["./setup/apply-migrations.ts"],
      testTimeout: 30_000,
      teardownTimeout: 60_000,
    },
  };
});
