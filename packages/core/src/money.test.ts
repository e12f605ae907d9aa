import { describe, expect, it } from "vitest";
import { formatUsd, MAX_USD_MICROS, MoneyParseError, mulBps, parseUsd, toUsd } from "./money.ts";

describe("parseUsd", () => {
  it.each([
    [0, 0],
    ["0", 0],
    [1, 1_000_000],
    [1.5, 1_500_000],
    ["1.5", 1_500_000],
    ["0.33", 330_000],
    [0.33, 330_000],
    [0.1 + 0.2, null], // 0.30000000000000004 has 17 decimals: refused, not rounded
    ["0.000001", 1],
    [0.000001, 1],
    [" 20.00 ", 20_000_000],
    ["10000000", MAX_USD_MICROS],
    [50, 50_000_000],
  ])("%j → %j", (input, micros) => {
    if (micros === null) expect(() => parseUsd(input)).toThrow(MoneyParseError);
    else expect(parseUsd(input)).toBe(micros);
  });

  it.each([
    -1,
    "-1",
    "-0.01",
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "NaN",
    "Infinity",
    "1e3",
    1e21,
    1e-7,
    "0.0000001",
    "1.1234567",
    "10000000.000001",
    "99999999999",
    "",
    "abc",
    "1,50",
    "$1",
    "0x10",
    "1.",
    ".5",
    null,
    undefined,
    true,
    {},
    [],
  ])("refuses %j", (input) => {
    expect(() => parseUsd(input)).toThrow(MoneyParseError);
  });
});

describe("formatUsd / toUsd", () => {
  it("formats exactly", () => {
    expect(formatUsd(0)).toBe("0.000000");
    expect(formatUsd(330_000)).toBe("0.330000");
    expect(formatUsd(1)).toBe("0.000001");
    expect(formatUsd(-1_500_000)).toBe("-1.500000");
    expect(toUsd(330_000)).toBe(0.33);
    expect(toUsd(200_000)).toBe(0.2);
  });

  it("round-trips every cent up to $100 and random micro amounts", () => {
    for (let cents = 0; cents <= 10_000; cents++) {
      const micros = cents * 10_000;
      expect(parseUsd(formatUsd(micros))).toBe(micros);
      expect(parseUsd(toUsd(micros))).toBe(micros);
    }
    for (let i = 0; i < 2_000; i++) {
      const micros = Math.floor(Math.random() * MAX_USD_MICROS);
      expect(parseUsd(toUsd(micros))).toBe(micros);
    }
  });

  it("refuses non-integer micros", () => {
    expect(() => formatUsd(0.5)).toThrow(RangeError);
  });
});

describe("mulBps", () => {
  it("applies a margin rounding up", () => {
    expect(mulBps(1_000_000, 13_000)).toBe(1_300_000);
    expect(mulBps(1, 13_000)).toBe(2);
    expect(mulBps(1_234_567, 13_000)).toBe(1_604_938); // 1604937.1 → up
  });
});
