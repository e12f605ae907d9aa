import { describe, expect, it } from "vitest";
import { FIXTURE_BUSINESSES, FIXTURE_PEOPLE, SEED_EXAMPLES } from "./dataset/fixtures.ts";
import { DEFAULT_SIZES, generateDataset, getDataset } from "./dataset/generate.ts";
import { findBusiness, searchPeople } from "./dataset/search.ts";
import { FAULTS, RESERVED_PHONES, scopedFaultPhone } from "./reserved.ts";

describe("synthetic dataset", () => {
  it("is deterministic: the same seed gives the same records", () => {
    const a = generateDataset(7);
    const b = generateDataset(7);
    expect(a.people.length).toBe(DEFAULT_SIZES.people);
    expect(a.businesses.length).toBe(DEFAULT_SIZES.businesses);
    expect(JSON.stringify(a.people[1234])).toBe(JSON.stringify(b.people[1234]));
    expect(JSON.stringify(a.businesses[999])).toBe(JSON.stringify(b.businesses[999]));
    expect(JSON.stringify(a.people.slice(-3))).toBe(JSON.stringify(b.people.slice(-3)));
  });

  it("differs between seeds but always carries the seed-example fixtures", () => {
    const a = generateDataset(1);
    const b = generateDataset(2);
    expect(a.people[100]!.id).not.toBe(b.people[100]!.id);
    for (const ds of [a, b]) {
      expect(ds.people.slice(0, FIXTURE_PEOPLE.length)).toEqual(FIXTURE_PEOPLE);
      expect(ds.businesses.slice(0, FIXTURE_BUSINESSES.length)).toEqual(FIXTURE_BUSINESSES);
    }
  });

  it("generates quickly and caches per seed", () => {
    const t = performance.now();
    const ds = generateDataset(12345);
    const ms = performance.now() - t;
    // The target is < 200 ms; the bound here is loose because CI machines are shared.
    expect(ms).toBeLessThan(1_000);
    expect(ds.people.length).toBe(5_000);
    expect(getDataset(99)).toBe(getDataset(99));
  });

  it("keeps ids and phones unique, away from reserved numbers, and uses example domains only", () => {
    const ds = getDataset();
    const ids = new Set(ds.people.map((p) => p.id));
    expect(ids.size).toBe(ds.people.length);
    const reserved = new Set<string>(Object.values(RESERVED_PHONES));
    for (const p of ds.people) {
      for (const ph of p.phones) {
        expect(ph.e164).toMatch(/^\+1[2-9]\d{9}$/);
        expect(reserved.has(ph.e164)).toBe(false);
      }
      for (const e of p.emails) expect(e.email).toMatch(/@(mail\.)?example\.(com|net|org)$/);
    }
    for (const b of ds.businesses) {
      for (const s of b.sources) expect(new URL(s.url).hostname).toMatch(/(^|\.)example\.(com|net|org)$/);
    }
    // Only the seed-example household shares the documented reverse-phone number.
    expect(ds.peopleByPhone.get(SEED_EXAMPLES.reversePhone)?.every((p) => p.id.startsWith("PSX"))).toBe(true);
    // Vendor-scoped fault numbers each belong to one fixture person, whom the other vendors find.
    for (const [vendor, owner] of [["whitepages", "PSX0000020"], ["peopledatalabs", "PSX0000021"]] as const) {
      for (const fault of FAULTS) expect(ds.peopleByPhone.get(scopedFaultPhone(vendor, fault))?.map((p) => p.id)).toEqual([owner]);
    }
  });

  it("finds the seed examples", () => {
    const ds = getDataset();
    expect(searchPeople(ds, { phone: SEED_EXAMPLES.reversePhone }).length).toBe(5);
    const manno = searchPeople(ds, { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" });
    expect(manno.map((h) => h.person.id)).toEqual(["PSX0000010"]);
    expect(searchPeople(ds, { street: "5 TANNERY RD", zipcode: "15853" }).map((h) => h.person.id)).toContain("PSX0000010");
    expect(findBusiness(ds, { name: "HANEY FURNITURE CO.", city: "New Castle", state: "PA" })?.id).toBe("BSX0000001");
    expect(findBusiness(ds, { name: "Finicky Window Cleaning Inc" })?.id).toBe("BSX0000002");
    expect(findBusiness(ds, { name: "Acme Corp", city: "Tampa", state: "FL" })?.id).toBe("BSX0000003");
  });
});
