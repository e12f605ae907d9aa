import { describe, expect, it } from "vitest";
import { SEED_EXAMPLES } from "./dataset/fixtures.ts";
import { VendorError } from "./errors.ts";
import { createVendors } from "./factory.ts";
import type { PersonSearchResult } from "./person.ts";
import { RESERVED_PHONES } from "./reserved.ts";
import { waterfall, WaterfallExhaustedError, type WaterfallStep } from "./waterfall.ts";

const fail = (vendor: string, kind: VendorError["kind"], retryAfterSec?: number): WaterfallStep<number[]> => ({
  vendor,
  run: async () => {
    throw new VendorError({ vendor, kind, reason: kind === "rate_limited" ? "throttled" : "server_error", message: `${vendor} down`, ...(retryAfterSec ? { retryAfterSec } : {}) });
  },
});
const answer = (vendor: string, value: number[]): WaterfallStep<number[]> => ({ vendor, run: async () => value });
const opts = { isMatch: (v: number[]) => v.length > 0, costOf: (v: number[]) => 100 + v.length };

describe("waterfall", () => {
  it("returns the first match and stops there", async () => {
    let ran = false;
    const r = await waterfall([answer("a", [1]), { vendor: "b", run: async () => ((ran = true), [2]) }], opts);
    expect(r).toMatchObject({ matched: true, vendor: "a", value: [1], cost_micro_usd: 101 });
    expect(r.hops.map((h) => [h.vendor, h.outcome])).toEqual([["a", "match"]]);
    expect(ran).toBe(false);
  });

  it("moves on after a miss or a vendor error, and reports every hop", async () => {
    const r = await waterfall([answer("a", []), fail("b", "rate_limited", 7), answer("c", [3, 4])], opts);
    expect(r).toMatchObject({ matched: true, vendor: "c", value: [3, 4], cost_micro_usd: 100 + 102 });
    expect(r.hops.map((h) => [h.vendor, h.outcome])).toEqual([["a", "miss"], ["b", "error"], ["c", "match"]]);
    expect(r.hops[1]?.error).toMatchObject({ kind: "rate_limited", retry_after_sec: 7 });
  });

  it("is a miss when at least one vendor answered and none matched", async () => {
    const r = await waterfall([fail("a", "timeout"), answer("b", [])], opts);
    expect(r).toMatchObject({ matched: false, vendor: "b", value: [] });
  });

  it("throws when every vendor failed, carrying the hops and the soonest retry", async () => {
    const p = waterfall([fail("a", "rate_limited", 5), fail("b", "unavailable")], opts);
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaterfallExhaustedError);
    expect(e).toBeInstanceOf(VendorError);
    const w = e as WaterfallExhaustedError;
    expect(w.kind).toBe("unavailable");
    expect(w.retryAfterSec).toBe(5);
    expect(w.hops.map((h) => h.vendor)).toEqual(["a", "b"]);
  });

  it("lets non-vendor errors (bugs) escape at once", async () => {
    const bug: WaterfallStep<number[]> = { vendor: "a", run: async () => { throw new TypeError("bug"); } };
    await expect(waterfall([bug, answer("b", [1])], opts)).rejects.toBeInstanceOf(TypeError);
  });

  it("chains real adapters: a throttled vendor hands over to the next one", async () => {
    const first = createVendors().whitepages;
    const second = createVendors({ sandbox: { seed: 411 } }).whitepages;
    const steps: WaterfallStep<PersonSearchResult>[] = [
      { vendor: "whitepages-primary", run: (signal) => first.byPhone(RESERVED_PHONES.rate_limited, signal ? { signal } : {}) },
      { vendor: "whitepages-secondary", run: (signal) => second.byPhone(SEED_EXAMPLES.reversePhone, signal ? { signal } : {}) },
    ];
    const r = await waterfall(steps, { isMatch: (v) => v.matched, costOf: (v) => v.cost_micro_usd });
    expect(r.vendor).toBe("whitepages-secondary");
    expect(r.value?.people.length).toBe(5);
    expect(r.hops.map((h) => h.outcome)).toEqual(["error", "match"]);
    expect(r.cost_micro_usd).toBe(r.value?.cost_micro_usd);
  });
});
