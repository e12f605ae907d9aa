import { defineConfig } from "vitest/config";
import { buildWeb } from "./scripts/build-web.mjs";

// Two runtimes, one command: pure packages run in Node, everything that touches a binding runs
// inside workerd through Cloudflare's plugin (test/vitest.config.ts), and the pages run in real
// Chromium against the running product (test/browser/vitest.config.ts).
export default defineConfig(async () => {
  // The pages' client scripts are static assets of the Worker: build them before any suite starts.
  await buildWeb();
  return {
    test: {
      projects: [
        {
          test: {
            name: "node",
            environment: "node",
            include: ["packages/*/src/**/*.test.ts", "test/node/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
        "./test/vitest.config.ts",
        "./test/browser/vitest.config.ts",
        {
          test: {
            // @411data/client against the real product (anvil + wrangler dev) started once in globalSetup.
            name: "client",
            environment: "node",
            // test/product: the x402/MPP clients and discovery validators against the same product.
            include: ["packages/client/test/**/*.test.ts", "test/product/**/*.test.ts"],
            globalSetup: ["packages/client/test/setup/product.ts"],
            testTimeout: 60_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
