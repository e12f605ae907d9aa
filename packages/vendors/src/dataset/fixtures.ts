import { FAULTS, scopedFaultPhone, type ScopedVendor } from "../reserved.ts";
import type { SynthBusiness, SynthPerson } from "./types.ts";

// Fixed records that make the product's documented examples (seeds/001) match in the sandbox.
// Only the lookup keys come from the examples (the phone numbers, "Joseph B Manno" in Ridgway with
// 5 Tannery Rd / 8147761310, the business names and cities); everything else is invented.

export const SEED_EXAMPLES = {
  reversePhone: "+17242060094",
  person: { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" },
  lead: { company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" },
  haney: { business_name: "Haney Furniture Co", city: "New Castle", state: "PA", street: "30 N Beaver St", phone: "+17246547732" },
  finicky: { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" },
  acme: { business_name: "Acme Corp", city: "Tampa", state: "FL" },
} as const;

const none = { aliases: [], historic: [], owned: [], company_name: null, job_title: null, linkedin_url: null, is_dead: false };

const household = { id: "AX00000001", line1: "418 Harbor Ave", city: "New Castle", state_code: "PA", zip: "16105" };
const line = { e164: SEED_EXAMPLES.reversePhone, type: "landline" as const, score: 91 };
const penningtonIds = ["PSX0000001", "PSX0000002", "PSX0000003", "PSX0000004", "PSX0000005"];
const others = (id: string): string[] => penningtonIds.filter((x) => x !== id);

const mannoHome = { id: "AX00000010", line1: "5 Tannery Rd", city: "Ridgway", state_code: "PA", zip: "15853" };
const mannoLine = { e164: "+18147761310", type: "landline" as const, score: 93 };

/** Every vendor-scoped fault number of `vendor`, as lines one fixture person owns. */
const scopedLines = (vendor: ScopedVendor): SynthPerson["phones"] =>
  FAULTS.map((f, i) => ({ e164: scopedFaultPhone(vendor, f), type: i % 2 ? ("voip" as const) : ("mobile" as const), score: 80 }));

export const FIXTURE_PEOPLE: SynthPerson[] = [
  {
    ...none, id: "PSX0000001", first: "Walter", middle: "R", last: "Pennington", suffix: "Sr",
    aliases: ["Walt Pennington"], date_of_birth: "1949-06-02",
    current: [household],
    historic: [{ id: "AX00000002", line1: "77 Quarry Rd", city: "Pittsburgh", state_code: "PA", zip: "15221" }],
    owned: [household],
    phones: [line, { e164: "+17243310917", type: "mobile", score: 84 }],
    emails: [{ email: "walt.pennington@example.com", score: 86 }],
    relative_ids: others("PSX0000001"), quality: 94,
  },
  {
    ...none, id: "PSX0000002", first: "Doris", middle: "M", last: "Pennington", suffix: null,
    date_of_birth: "1952-11-19", current: [household], phones: [line],
    emails: [{ email: "doris.pennington@example.net", score: 71 }],
    relative_ids: others("PSX0000002"), quality: 88,
  },
  {
    ...none, id: "PSX0000003", first: "Walter", middle: "R", last: "Pennington", suffix: "Jr",
    date_of_birth: "1976-03-08", current: [{ id: "AX00000003", line1: "1290 Summit Dr", city: "Columbus", state_code: "OH", zip: "43215" }],
    historic: [household], phones: [{ ...line, score: 62 }, { e164: "+16144180263", type: "mobile", score: 90 }],
    emails: [], relative_ids: others("PSX0000003"), company_name: "Keystone Roofing LLC", job_title: "Project Manager", quality: 71,
  },
  {
    ...none, id: "PSX0000004", first: "Kevin", middle: "A", last: "Pennington", suffix: null,
    date_of_birth: "1981-09-30", current: [household], phones: [{ ...line, score: 55 }],
    emails: [{ email: "kpennington@mail.example.com", score: 64 }], relative_ids: others("PSX0000004"), quality: 66,
  },
  {
    ...none, id: "PSX0000005", first: "Lorraine", middle: null, last: "Hale", suffix: null,
    aliases: ["Lorraine Pennington"], date_of_birth: "1979-01-14",
    current: [{ id: "AX00000004", line1: "63 Meadow Ln", city: "Erie", state_code: "PA", zip: "16509" }],
    historic: [household], phones: [{ ...line, score: 41 }], emails: [],
    relative_ids: others("PSX0000005"), quality: 58,
  },
  {
    ...none, id: "PSX0000010", first: "Joseph", middle: "B", last: "Manno", suffix: null,
    aliases: ["Joe Manno"], date_of_birth: "1958-04-21", current: [mannoHome], owned: [mannoHome],
    historic: [{ id: "AX00000011", line1: "212 Center St", city: "Erie", state_code: "PA", zip: "16501" }],
    phones: [mannoLine, { e164: "+18144230771", type: "mobile", score: 79 }],
    emails: [{ email: "jbmanno@example.com", score: 82 }],
    relative_ids: ["PSX0000011"], job_title: "Owner", quality: 92,
  },
  {
    ...none, id: "PSX0000011", first: "Teresa", middle: "L", last: "Manno", suffix: null,
    date_of_birth: "1961-08-05", current: [mannoHome], phones: [{ ...mannoLine, score: 70 }],
    emails: [], relative_ids: ["PSX0000010"], quality: 80,
  },
  // The people behind the vendor-scoped fault numbers (reserved.ts): when one vendor's sandbox
  // fails on such a number, the next vendor in a waterfall finds this person.
  {
    ...none, id: "PSX0000020", first: "Marisol", middle: "E", last: "Quarrington", suffix: null,
    date_of_birth: "1984-02-11",
    current: [{ id: "AX00000030", line1: "2718 Willow Ct", city: "Columbus", state_code: "OH", zip: "43215" }],
    historic: [{ id: "AX00000031", line1: "90 Orchard Ln", city: "Cleveland", state_code: "OH", zip: "44102" }],
    phones: scopedLines("whitepages"),
    emails: [{ email: "marisol.quarrington@example.org", score: 88 }],
    relative_ids: [], job_title: "Operations Manager", quality: 90,
  },
  {
    ...none, id: "PSX0000021", first: "Tobias", middle: null, last: "Wrenfield", suffix: null,
    date_of_birth: "1971-07-23",
    current: [{ id: "AX00000032", line1: "415 Liberty Ave", city: "Denver", state_code: "CO", zip: "80203" }],
    phones: scopedLines("peopledatalabs"),
    emails: [{ email: "tobias.wrenfield@example.net", score: 84 }],
    relative_ids: [], quality: 86,
  },
];

export const FIXTURE_BUSINESSES: SynthBusiness[] = [
  {
    id: "BSX0000001", name: "Haney Furniture Co",
    address: { id: "AX00000020", line1: "30 N Beaver St", city: "New Castle", state_code: "PA", zip: "16101" },
    phones: [{ e164: SEED_EXAMPLES.haney.phone, label: "main" }],
    domain: "haneyfurniture.example.com",
    people: [
      { person_id: null, name: "Gordon P Haney", title: "President" },
      { person_id: null, name: "Marjorie Haney", title: "Secretary-Treasurer" },
      { person_id: null, name: "Dale Whitcomb", title: "Store Manager" },
    ],
    legal_associates: [
      { name: "Gordon P Haney", role: "President" },
      { name: "Marjorie Haney", role: "Secretary" },
      { name: "Example Registered Agents LLC", role: "Registered Agent" },
    ],
    sources: [
      { url: "https://haneyfurniture.example.com/", title: "Haney Furniture Co | New Castle, PA" },
      { url: "https://directory.example.org/biz/haney-furniture-co-new-castle-pa", title: "Haney Furniture Co - New Castle, PA | Example Directory" },
      { url: "https://filings.example.net/entity/BSX0000001", title: "HANEY FURNITURE CO - Business entity filing" },
    ],
  },
  {
    id: "BSX0000002", name: "Finicky Window Cleaning, Inc.",
    address: { id: "AX00000021", line1: "1250 Main St Ste 4", city: "Dunedin", state_code: "FL", zip: "34698" },
    phones: [{ e164: "+17273460418", label: "main" }, { e164: "+17278120935", label: "mobile" }],
    domain: "finickywindows.example.com",
    people: [
      { person_id: null, name: "Marcus T Finnegan", title: "Owner" },
      { person_id: null, name: "Alicia Finnegan", title: "Office Manager" },
    ],
    legal_associates: [
      { name: "Marcus T Finnegan", role: "President" },
      { name: "Statewide Filing Services (Example) Inc.", role: "Registered Agent" },
    ],
    sources: [
      { url: "https://finickywindows.example.com/about", title: "About Us - Finicky Window Cleaning" },
      { url: "https://directory.example.org/biz/finicky-window-cleaning-dunedin-fl", title: "Finicky Window Cleaning, Inc. - Dunedin, FL | Example Directory" },
      { url: "https://filings.example.net/entity/BSX0000002", title: "FINICKY WINDOW CLEANING, INC. - Business entity filing" },
    ],
  },
  {
    id: "BSX0000003", name: "Acme Corp",
    address: { id: "AX00000022", line1: "2210 Harbor Ave", city: "Tampa", state_code: "FL", zip: "33605" },
    phones: [{ e164: "+18132290415", label: "main" }],
    domain: "acme.example.com",
    people: [
      { person_id: null, name: "Renata Solis", title: "Chief Executive Officer" },
      { person_id: null, name: "Howard Kim", title: "Chief Financial Officer" },
    ],
    legal_associates: [
      { name: "Renata Solis", role: "Director" },
      { name: "Corporate Agent Co (Example)", role: "Registered Agent" },
    ],
    sources: [
      { url: "https://acme.example.com/", title: "Acme Corp - Tampa, FL" },
      { url: "https://filings.example.net/entity/BSX0000003", title: "ACME CORP - Business entity filing" },
    ],
  },
];
