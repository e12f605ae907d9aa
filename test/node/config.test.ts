import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// wrangler.jsonc is JSON with comments; strip them to read it.
function wranglerConfig() {
  const text = readFileSync(path.join(import.meta.dirname, "../../wrangler.jsonc"), "utf8");
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ""));
}

describe("wrangler config", () => {
  it("advertises the same anonymous limit the rate-limit binding enforces", () => {
    const config = wranglerConfig();
    const binding = config.ratelimits.find((r: { name: string }) => r.name === "ANON_RATE_LIMITER");
    expect(String(binding.simple.limit)).toBe(config.vars.ANON_RATE_LIMIT);
    expect(String(binding.simple.period)).toBe(config.vars.ANON_RATE_PERIOD_SEC);
  });

  it("advertises the same wallet-route limit its binding enforces, and schedules the Worker", () => {
    const config = wranglerConfig();
    const binding = config.ratelimits.find((r: { name: string }) => r.name === "WALLET_RATE_LIMITER");
    expect(String(binding.simple.limit)).toBe(config.vars.WALLET_RATE_LIMIT);
    expect(String(binding.simple.period)).toBe(config.vars.WALLET_RATE_PERIOD_SEC);
    expect(binding.simple.limit).toBeLessThan(config.ratelimits.find((r: { name: string }) => r.name === "ANON_RATE_LIMITER").simple.limit);
    expect(config.triggers.crons.length).toBeGreaterThan(0);
  });

  it("keeps the compatibility date within the test runtime and does not list nodejs_compat", () => {
    const config = wranglerConfig();
    expect(config.compatibility_date <= "2026-11-09").toBe(true);
    expect(config.compatibility_flags ?? []).not.toContain("nodejs_compat");
  });

  it("dead-letters the job queue and consumes the dead letters", () => {
    const { consumers } = wranglerConfig().queues;
    const main = consumers.find((c: { queue: string }) => c.queue === "enrich-jobs");
    expect(main.dead_letter_queue).toBe("enrich-jobs-dlq");
    expect(consumers.some((c: { queue: string }) => c.queue === "enrich-jobs-dlq")).toBe(true);
  });
});
