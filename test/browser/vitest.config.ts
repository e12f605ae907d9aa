import { defineConfig } from "vitest/config";

// The pages in real Chromium (Debian's /usr/bin/chromium driven by playwright-core) against the
// running product: `wrangler dev` and a local anvil chain, started on free ports by globalSetup.
export default defineConfig({
  test: {
    name: "browser",
    environment: "node",
    include: ["**/*.test.ts"],
    globalSetup: ["./setup/product.ts"],
    // One browser at a time: the files share one Worker and these machines have few CPUs.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
