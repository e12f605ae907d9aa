// The client's arithmetic, with no server: money, Retry-After, backoff bounds.
import { describe, expect, it } from "vitest";
import { backoffMs, microsToUsd, parseRetryAfter, usdToMicros } from "../src/index.ts";

describe("money", () => {
  it("USD text and numbers to micro-USD exactly, and back", () => {
    expect(usdToMicros("1.5")).toBe(1_500_000n);
    expect(usdToMicros(0.33)).toBe(330_000n);
    expect(usdToMicros("0.000001")).toBe(1n);
    for (const bad of ["-1", "1.0000001", "abc", "", "1e3"]) expect(() => usdToMicros(bad)).toThrow(TypeError);
    expect(microsToUsd(1_500_000n)).toBe("1.50");
    expect(microsToUsd(1n)).toBe("0.000001");
  });
});

describe("retry timing", () => {
  it("Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("backoff doubles from 0.5 s up to 5 s, jittered between half and all of it", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, {}, () => 1))).toEqual([500, 1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, {}, () => 0))).toEqual([250, 500, 1000, 2000, 2500]);
  });
});
