import { describe, expect, it } from "vitest";
import { classifyName, LeadValidationError, leadIdentityKey, parseLead, safeParseLead } from "./index.ts";

describe("parseLead", () => {
  it("normalizes the seed lead: a person's name in the company column", () => {
    const lead = parseLead({ contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" });
    expect(lead).toMatchObject({
      contact_id: "81551343", company_kind: "person", business_name: null, person_name: "JOSEPH B MANNO",
      phone: "+18147761310", street: "5 TANNERY RD", city: "Ridgway", state: "PA", zip: "15853", warnings: [],
    });
  });

  it("keeps a business as a business", () => {
    const lead = parseLead({ company: "Haney Furniture Co", number1: "7246547732", state: "PA" });
    expect(lead.company_kind).toBe("business");
    expect(lead.business_name).toBe("Haney Furniture Co");
    expect(lead.person_name).toBeNull();
  });

  it("tolerates odd key casing, spacing, numbers and extra columns", () => {
    const lead = parseLead({
      "Business Name": "  Haney   Furniture Co ", ZIP: 16101, "Number1": 7246547732, " City ": "new castle", State: "Pennsylvania",
      "DM Name": "Gordon Haney", "E-Mail": "GORDON@Example.com", "Lead Source": "trade show", tags: ["a", "b"], Notes: null,
    });
    expect(lead).toMatchObject({
      business_name: "Haney Furniture Co", zip: "16101", phone: "+17246547732", city: "New Castle", state: "PA",
      person_name: "Gordon Haney", email: "gordon@example.com",
    });
  });

  it("restores a zip's leading zero lost to a JSON number, and reads a mailing address", () => {
    const lead = parseLead({ company: "Acme Corp", zip: 2134, mailing_address: "12 Main St, Boston, MA 02134" });
    expect(lead.zip).toBe("02134");
    expect(lead).toMatchObject({ street: "12 Main St", city: "Boston", state: "MA" });
  });

  it("warns about unusable values instead of failing", () => {
    const lead = parseLead({ company: "Acme Corp", number1: "12", state: "Narnia", email: "not-an-email" });
    expect(lead.phone).toBeNull();
    expect(lead.state).toBeNull();
    expect(lead.email).toBeNull();
    expect(lead.warnings).toHaveLength(3);
  });

  it("reads 'Last, First' names and first/last columns", () => {
    expect(parseLead({ company: "MANNO, JOSEPH B" }).person_name).toBe("JOSEPH B MANNO");
    expect(parseLead({ first_name: "Teresa", last_name: "Manno", zip: "15853" }).person_name).toBe("Teresa Manno");
  });

  it("refuses a lead with nothing to look up, with a typed validation error", () => {
    for (const bad of [{}, { city: "Ridgway", state: "PA", notes: "call back" }, { number1: "abc" }]) {
      expect(() => parseLead(bad)).toThrow(LeadValidationError);
    }
    const r = safeParseLead({ zip: "15853" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("VALIDATION_FAILED");
      expect(r.error.issues.length).toBeGreaterThan(0);
    }
    for (const notObject of [null, "lead", 42, ["company", "x"]]) expect(() => parseLead(notObject)).toThrow(LeadValidationError);
  });
});

describe("classifyName", () => {
  it.each([
    ["JOSEPH B MANNO", "person"], ["Haney Furniture Co", "business"], ["Acme Corp", "business"],
    ["Finicky Window Cleaning, Inc.", "business"], ["Joe's Pizza", "business"], ["Mary Smith", "person"],
    ["Manno, Joseph", "person"], ["Bluewater", "unknown"], ["Smith & Sons", "business"], ["J Robert Oakes", "person"],
  ])("%s → %s", (name, kind) => expect(classifyName(name)).toBe(kind));
});

describe("leadIdentityKey", () => {
  it("is stable across casing, whitespace, key spelling and street abbreviations", () => {
    const a = parseLead({ company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" });
    const b = parseLead({ Company: "  joseph   b manno ", Street: "5 Tannery Road", City: "Ridgway", State: "pennsylvania", ZIP: 15853, Number1: "(814) 776-1310" });
    expect(leadIdentityKey(a)).toBe(leadIdentityKey(b));
    const c = parseLead({ company: "Haney Furniture Co.", street: "30 North Beaver Street", zip: "16101" });
    const d = parseLead({ business_name: "HANEY FURNITURE CO", street: "30 N Beaver St", zip: "16101-1234" });
    expect(leadIdentityKey(c)).toBe(leadIdentityKey(d));
    expect(leadIdentityKey(a)).not.toBe(leadIdentityKey(c));
  });
});

describe("lead-session request", () => {
  it("parses a request body with defaults and USD as number or string", async () => {
    const { parseLeadSessionRequest } = await import("./index.ts");
    const r = parseLeadSessionRequest({ lead: { company: "Acme Corp", city: "Tampa", state: "FL" } });
    expect(r).toMatchObject({ budget: 2_000_000, maxRounds: 5, mode: "auto" });
    expect(parseLeadSessionRequest({ lead: { company: "Acme Corp" }, budget_usd: "2.5", max_rounds: 10, mode: "interactive" })).toMatchObject({ budget: 2_500_000, maxRounds: 10, mode: "interactive" });
    expect(() => parseLeadSessionRequest({ lead: { company: "Acme Corp" }, max_rounds: 11 })).toThrow(LeadValidationError);
    expect(() => parseLeadSessionRequest({ lead: { company: "Acme Corp" }, budget_usd: 25 })).toThrow(LeadValidationError);
    expect(() => parseLeadSessionRequest({ lead: { company: "Acme Corp" }, budget_usd: -1 })).toThrow(LeadValidationError);
    expect(() => parseLeadSessionRequest({ lead: { notes: "x" } })).toThrow(LeadValidationError);
  });

  it("a generic name column holding a business is read as the business", () => {
    expect(parseLead({ Name: "Acme Corp", State: "FL" })).toMatchObject({ business_name: "Acme Corp", person_name: null });
  });
});
