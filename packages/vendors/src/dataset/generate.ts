import { FIXTURE_BUSINESSES, FIXTURE_PEOPLE } from "./fixtures.ts";
import {
  BUSINESS_ADJECTIVES, BUSINESS_SUFFIXES, CITIES, EMAIL_DOMAINS, FIRST_NAMES_F, FIRST_NAMES_M,
  JOB_TITLES, LAST_NAMES, LEGAL_ROLES, OFFICER_TITLES, REGISTERED_AGENT_FIRMS, STREET_NAMES,
  STREET_TYPES, SUFFIXES, TRADES, type City,
} from "./lists.ts";
import { businessKey, streetKey } from "./normalize.ts";
import { createRng, type Rng } from "./prng.ts";
import { fullName, type Dataset, type SynthAddress, type SynthBusiness, type SynthPerson } from "./types.ts";

export const DEFAULT_SEED = 411;
export const DEFAULT_SIZES = { people: 5_000, businesses: 2_000 } as const;

export type DatasetSizes = { people: number; businesses: number };

const cache = new Map<string, Dataset>();

/** The dataset for a seed, generated on first use and kept for the life of the isolate. */
export function getDataset(seed: number = DEFAULT_SEED, sizes: DatasetSizes = DEFAULT_SIZES): Dataset {
  const key = `${seed}:${sizes.people}:${sizes.businesses}`;
  let ds = cache.get(key);
  if (!ds) {
    ds = generateDataset(seed, sizes);
    cache.set(key, ds);
  }
  return ds;
}

export function generateDataset(seed: number, sizes: DatasetSizes = DEFAULT_SIZES): Dataset {
  const rng = createRng(seed);
  const g = new Generator(rng);
  for (const p of FIXTURE_PEOPLE) g.reserve(p);
  for (const b of FIXTURE_BUSINESSES) for (const ph of b.phones) g.usedPhones.add(ph.e164);

  const people: SynthPerson[] = [...FIXTURE_PEOPLE];
  while (people.length < sizes.people) people.push(...g.household(sizes.people - people.length));

  const businesses: SynthBusiness[] = [...FIXTURE_BUSINESSES];
  const generated = people.slice(FIXTURE_PEOPLE.length);
  while (businesses.length < sizes.businesses) businesses.push(g.business(generated));

  return index(seed, people, businesses);
}

class Generator {
  readonly rng: Rng;
  readonly usedPhones = new Set<string>();
  readonly usedIds = new Set<string>();

  constructor(rng: Rng) {
    this.rng = rng;
  }

  reserve(p: SynthPerson): void {
    this.usedIds.add(p.id);
    for (const ph of p.phones) this.usedPhones.add(ph.e164);
  }

  id(prefix: string): string {
    for (;;) {
      const id = prefix + this.rng.alnum(10);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  phone(city: City): string {
    for (;;) {
      // Exchange 2xx–9xx except 555: a plausible, synthetic number in the city's area code.
      let exchange = this.rng.int(200, 999);
      if (exchange === 555) exchange = 556;
      const e164 = `+1${this.rng.pick(city.area_codes)}${exchange}${String(this.rng.int(0, 9999)).padStart(4, "0")}`;
      if (!this.usedPhones.has(e164)) {
        this.usedPhones.add(e164);
        return e164;
      }
    }
  }

  address(city: City = this.rng.pick(CITIES)): SynthAddress {
    return {
      id: this.id("A"),
      line1: `${this.rng.int(1, 9899)} ${this.rng.pick(STREET_NAMES)} ${this.rng.pick(STREET_TYPES)}`,
      city: city.city,
      state_code: city.state_code,
      zip: city.zip3 + String(this.rng.int(1, 99)).padStart(2, "0"),
    };
  }

  dob(minYear: number, maxYear: number): string {
    const r = this.rng;
    return `${r.int(minYear, maxYear)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
  }

  /** A household of 1–4 people sharing a surname and an address, often a landline. */
  household(room: number): SynthPerson[] {
    const r = this.rng;
    const city = r.pick(CITIES);
    const home = this.address(city);
    const last = r.pick(LAST_NAMES);
    const size = Math.min(room, r.pick([1, 1, 2, 2, 2, 3, 3, 4]));
    const landline = r.chance(0.45) ? { e164: this.phone(city), type: "landline" as const, score: r.int(60, 95) } : null;
    const members: SynthPerson[] = [];
    for (let i = 0; i < size; i++) {
      const male = r.chance(0.5);
      const first = r.pick(male ? FIRST_NAMES_M : FIRST_NAMES_F);
      const middle = r.chance(0.6) ? String.fromCharCode(65 + r.int(0, 25)) : null;
      const suffix = male && r.chance(0.06) ? r.pick(SUFFIXES) : null;
      const phones: SynthPerson["phones"] = [];
      if (landline) phones.push({ ...landline, score: Math.max(20, landline.score - i * 12) });
      if (r.chance(0.85)) phones.push({ e164: this.phone(city), type: r.chance(0.9) ? "mobile" : "voip", score: r.int(55, 99) });
      const emails: SynthPerson["emails"] = [];
      const nEmails = r.pick([0, 1, 1, 1, 2]);
      for (let k = 0; k < nEmails; k++) {
        const local = k === 0 ? `${first}.${last}` : `${first[0]}${last}${r.int(1, 99)}`;
        emails.push({ email: `${local.toLowerCase()}@${r.pick(EMAIL_DOMAINS)}`, score: r.int(40, 98) });
      }
      const historic: SynthAddress[] = [];
      for (let k = r.pick([0, 1, 1, 2, 3]); k > 0; k--) historic.push(this.address());
      const employed = r.chance(0.55);
      members.push({
        id: this.id("P"),
        first, middle, last, suffix,
        aliases: r.chance(0.15) ? [`${first.slice(0, 3)} ${last}`] : [],
        date_of_birth: this.dob(i === 0 ? 1940 : 1950, 2004),
        is_dead: r.chance(0.01),
        current: [home],
        historic,
        owned: i === 0 && r.chance(0.5) ? [home] : [],
        phones,
        emails,
        relative_ids: [],
        company_name: null,
        job_title: employed ? r.pick(JOB_TITLES) : null,
        linkedin_url: employed && r.chance(0.4) ? `https://www.linkedin.example.com/in/${first}-${last}-${r.alnum(4)}`.toLowerCase() : null,
        quality: r.int(45, 97),
      });
    }
    for (const m of members) m.relative_ids = members.filter((o) => o !== m).map((o) => o.id);
    return members;
  }

  business(people: SynthPerson[]): SynthBusiness {
    const r = this.rng;
    const owner = r.pick(people);
    const home = owner.current[0];
    const city = CITIES.find((c) => c.city === home?.city && c.state_code === home?.state_code) ?? r.pick(CITIES);
    const trade = r.pick(TRADES);
    const style = r.int(0, 2);
    const base = style === 0 ? `${owner.last} ${trade}` : style === 1 ? `${r.pick(BUSINESS_ADJECTIVES)} ${trade}` : `${city.city} ${trade}`;
    const suffix = r.pick(BUSINESS_SUFFIXES);
    const name = suffix === "Inc." ? `${base}, Inc.` : `${base} ${suffix}`;
    const slug = base.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const id = this.id("B");
    const ownerName = fullName(owner);
    owner.company_name = name;
    owner.job_title = "Owner";
    const staff: SynthBusiness["people"] = [{ person_id: owner.id, name: ownerName, title: r.pick(["Owner", "President", "Founder"]) }];
    for (let k = r.int(0, 2); k > 0; k--) {
      const p = r.pick(people);
      staff.push({ person_id: p.id, name: fullName(p), title: r.pick(OFFICER_TITLES) });
    }
    const legal: SynthBusiness["legal_associates"] = staff.slice(0, 2).map((s, i) => ({
      name: s.name,
      role: i === 0 ? "President" : r.pick(LEGAL_ROLES),
    }));
    legal.push({ name: r.pick(REGISTERED_AGENT_FIRMS), role: "Registered Agent" });
    const domain = `${slug}.example.com`;
    const cityTitle = `${city.city}, ${city.state_code}`;
    const phones: SynthBusiness["phones"] = [{ e164: this.phone(city), label: "main" }];
    if (r.chance(0.3)) phones.push({ e164: this.phone(city), label: r.pick(["fax", "mobile", "sales"]) });
    return {
      id,
      name,
      address: this.address(city),
      phones,
      domain,
      people: staff,
      legal_associates: legal,
      sources: [
        { url: `https://${domain}/`, title: `${name} | ${cityTitle}` },
        { url: `https://directory.example.org/biz/${slug}-${city.city.toLowerCase().replace(/\s+/g, "-")}-${city.state_code.toLowerCase()}`, title: `${name} - ${cityTitle} | Example Directory` },
        { url: `https://filings.example.net/entity/${id}`, title: `${name.toUpperCase()} - Business entity filing` },
      ],
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  // A person's keys are pushed one after another, so a repeat can only be the last element.
  else if (list[list.length - 1] !== value) list.push(value);
}

/** Indexes are built on first use: a reverse-phone sandbox never pays for the name index. */
class IndexedDataset implements Dataset {
  readonly seed: number;
  readonly people: SynthPerson[];
  readonly businesses: SynthBusiness[];
  #byId?: Map<string, SynthPerson>;
  #byPhone?: Map<string, SynthPerson[]>;
  #byLast?: Map<string, SynthPerson[]>;
  #byStreet?: Map<string, SynthPerson[]>;
  #byEmail?: Map<string, SynthPerson[]>;
  #byBusiness?: Map<string, SynthBusiness[]>;

  constructor(seed: number, people: SynthPerson[], businesses: SynthBusiness[]) {
    this.seed = seed;
    this.people = people;
    this.businesses = businesses;
  }

  get personById(): Map<string, SynthPerson> {
    return (this.#byId ??= new Map(this.people.map((p) => [p.id, p])));
  }

  get peopleByPhone(): Map<string, SynthPerson[]> {
    return (this.#byPhone ??= this.#build((p, add) => {
      for (const ph of p.phones) add(ph.e164);
    }));
  }

  get peopleByLast(): Map<string, SynthPerson[]> {
    return (this.#byLast ??= this.#build((p, add) => {
      add(p.last.toUpperCase());
      for (const alias of p.aliases) {
        const last = alias.split(" ").at(-1);
        if (last) add(last.toUpperCase());
      }
    }));
  }

  get peopleByStreet(): Map<string, SynthPerson[]> {
    return (this.#byStreet ??= this.#build((p, add) => {
      for (const list of [p.current, p.historic, p.owned]) for (const a of list) add(streetKey(a.line1));
    }));
  }

  get peopleByEmail(): Map<string, SynthPerson[]> {
    return (this.#byEmail ??= this.#build((p, add) => {
      for (const e of p.emails) add(e.email.toLowerCase());
    }));
  }

  get businessesByName(): Map<string, SynthBusiness[]> {
    if (!this.#byBusiness) {
      const m = new Map<string, SynthBusiness[]>();
      for (const b of this.businesses) push(m, businessKey(b.name), b);
      this.#byBusiness = m;
    }
    return this.#byBusiness;
  }

  #build(keys: (p: SynthPerson, add: (key: string) => void) => void): Map<string, SynthPerson[]> {
    const m = new Map<string, SynthPerson[]>();
    for (const p of this.people) keys(p, (k) => push(m, k, p));
    return m;
  }
}

function index(seed: number, people: SynthPerson[], businesses: SynthBusiness[]): Dataset {
  return new IndexedDataset(seed, people, businesses);
}
