import { describe, expect, it } from "vitest";
import type { NormalizedPerson, PersonSearchResult } from "@411data/vendors";
import { emptyGraph, mergePersonResult, parseLead, addressKey } from "./index.ts";

const at = "2026-01-01T00:00:00.000Z";
const pv = (confidence: number) => ({ source: "whitepages", observed_at: at, confidence });

function person(id: string | null, name: string, phone: string, street: string): NormalizedPerson {
  return {
    vendor: "whitepages", vendor_id: id, match_score: 0.9, matched_by: ["name"],
    names: [{ value: { full: name, first: null, middle: null, last: null, kind: "primary" }, provenance: pv(0.9) }],
    phones: [{ value: { e164: phone, line_type: "mobile" }, provenance: pv(0.8) }],
    emails: [],
    addresses: [{ value: { full: `${street}, Ridgway, PA 15853`, line1: street, city: "Ridgway", state_code: "PA", zip: "15853", kind: "current", first_seen: null, last_seen: null, vendor_id: null }, provenance: pv(0.9) }],
    age_range: null, associated_people: [], employment: null, compliance: { is_dead: null, litigator_risk: null },
  };
}

function result(people: NormalizedPerson[]): PersonSearchResult {
  return { matched: people.length > 0, query_mode: "name", people, total_available: people.length, vendor: "whitepages", vendor_queries: 1, cost_micro_usd: 100_000, latency_ms: 1 };
}

describe("graph merge", () => {
  const lead = parseLead({ company: "Joseph B Manno", street: "5 Tannery Rd", zip: "15853" });

  it("dedupes by vendor id and by name + address, keeping one provenance entry per round", () => {
    const g = emptyGraph();
    mergePersonResult(g, result([person("P1", "Joseph B Manno", "+18144230771", "5 Tannery Rd")]), { tool: "person_by_name", round: 1, inputKey: "k1", lead });
    mergePersonResult(g, result([person("P1", "Joseph B Manno", "+18144230771", "5 Tannery Rd")]), { tool: "reverse_phone", round: 2, inputKey: "k2", lead });
    // no vendor id, different spelling, same place → same person
    mergePersonResult(g, result([person(null, "JOSEPH MANNO", "+18144230771", "5 Tannery Road")]), { tool: "person_by_address", round: 3, inputKey: "k3", lead });
    expect(g.contacts).toHaveLength(1);
    expect(g.phones).toHaveLength(1);
    expect(g.contacts[0]?.provenance.map((p) => [p.tool, p.round])).toEqual([["person_by_name", 1], ["reverse_phone", 2], ["person_by_address", 3]]);
    expect(g.phones[0]?.provenance).toHaveLength(3);
    expect(g.contacts[0]?.is_lead_person).toBe(true);
    expect(g.contacts[0]?.addresses).toHaveLength(1);
  });

  it("keeps namesakes at different addresses apart", () => {
    const g = emptyGraph();
    mergePersonResult(g, result([person("P1", "John Smith", "+18145550111", "1 Main St"), person("P2", "John Smith", "+18145550122", "9 Oak Ave")]), { tool: "person_by_name", round: 1, inputKey: "k", lead });
    expect(g.contacts).toHaveLength(2);
    expect(g.phones).toHaveLength(2);
  });

  it("address keys ignore case, punctuation and street-type spelling", () => {
    expect(addressKey({ line1: "30 North Beaver Street", zip: "16101-0001" })).toBe(addressKey({ line1: "30 N. BEAVER ST", zip: "16101" }));
  });
});
