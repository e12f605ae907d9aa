import { describe, expect, it } from "vitest";
import { chargeBreakdown, sessionCharge } from "./index.ts";

const terms = { base: 1_500_000, marginBps: 13_000, budget: 2_000_000, matched: true };

describe("sessionCharge (true-up)", () => {
  it("charges the base while cogs × margin is below it", () => {
    expect(sessionCharge(0, terms)).toBe(1_500_000);
    expect(sessionCharge(400_000, terms)).toBe(1_500_000);
    // 1_153_846 × 1.3 = 1_499_999.8 → ceil 1_500_000: still exactly the base
    expect(sessionCharge(1_153_846, terms)).toBe(1_500_000);
  });

  it("trues up above the base, rounding up to a whole µUSD", () => {
    expect(sessionCharge(1_153_847, terms)).toBe(1_500_002); // 1_500_001.1 → 1_500_002
    expect(sessionCharge(1_200_000, terms)).toBe(1_560_000);
    const b = chargeBreakdown(1_200_000, terms);
    expect(b).toMatchObject({ charge: 1_560_000, base: 1_500_000, true_up: 60_000, capped_by_budget: false });
    expect(Number.isInteger(sessionCharge(777_777, { ...terms, base: 0 }))).toBe(true);
    expect(sessionCharge(1, { ...terms, base: 0 })).toBe(2);
  });

  it("never exceeds the budget", () => {
    expect(sessionCharge(5_000_000, terms)).toBe(2_000_000);
    expect(chargeBreakdown(5_000_000, terms).capped_by_budget).toBe(true);
    expect(sessionCharge(0, { ...terms, budget: 1_000_000 })).toBe(1_000_000);
    expect(sessionCharge(1_538_461, terms)).toBe(1_999_999 + 1); // ceil(1_999_999.3) = 2_000_000 = budget
  });

  it("is zero when nothing matched, whatever the cost", () => {
    expect(sessionCharge(900_000, { ...terms, matched: false })).toBe(0);
    expect(chargeBreakdown(900_000, { ...terms, matched: false })).toMatchObject({ charge: 0, base: 0, true_up: 0 });
  });

  it("rejects non-integer or negative money", () => {
    expect(() => sessionCharge(1.5, terms)).toThrow(RangeError);
    expect(() => sessionCharge(-1, terms)).toThrow(RangeError);
    expect(() => sessionCharge(1, { ...terms, budget: 0.5 })).toThrow(RangeError);
  });
});
