// Records of the synthetic dataset. They are the sandbox's "truth", stored in a vendor-neutral
// shape; each sandbox renders them in its own vendor's JSON.

export type SynthAddress = {
  id: string;
  line1: string;
  city: string;
  state_code: string;
  zip: string;
};

export type SynthPhone = { e164: string; type: "mobile" | "landline" | "voip"; score: number };

export type SynthPerson = {
  id: string;
  first: string;
  middle: string | null;
  last: string;
  suffix: string | null;
  aliases: string[];
  date_of_birth: string;
  is_dead: boolean;
  current: SynthAddress[];
  historic: SynthAddress[];
  owned: SynthAddress[];
  phones: SynthPhone[];
  emails: { email: string; score: number }[];
  relative_ids: string[];
  company_name: string | null;
  job_title: string | null;
  linkedin_url: string | null;
  /** Base match score (1..99) the sandbox reports for a hit on this person. */
  quality: number;
};

export type SynthBusiness = {
  id: string;
  name: string;
  address: SynthAddress;
  phones: { e164: string; label: string }[];
  domain: string;
  people: { person_id: string | null; name: string; title: string }[];
  legal_associates: { name: string; role: string }[];
  sources: { url: string; title: string }[];
};

export type Dataset = {
  seed: number;
  people: SynthPerson[];
  businesses: SynthBusiness[];
  personById: Map<string, SynthPerson>;
  peopleByPhone: Map<string, SynthPerson[]>;
  peopleByLast: Map<string, SynthPerson[]>;
  peopleByStreet: Map<string, SynthPerson[]>;
  peopleByEmail: Map<string, SynthPerson[]>;
  businessesByName: Map<string, SynthBusiness[]>;
};

export function fullName(p: Pick<SynthPerson, "first" | "middle" | "last" | "suffix">): string {
  return [p.first, p.middle, p.last, p.suffix].filter((s): s is string => !!s).join(" ");
}

export function formatAddress(a: SynthAddress): string {
  return `${a.line1}, ${a.city}, ${a.state_code} ${a.zip}`;
}
