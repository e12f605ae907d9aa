import { FIXTURE_BUSINESSES, FIXTURE_PEOPLE } from "./fixtures.ts";
import { getDataset } from "./generate.ts";
import { businessKey } from "./normalize.ts";
import type { Dataset } from "./types.ts";

/**
 * What the vendors answer about, as a caller would name it: every generated phone (E.164), person
 * ("First Last") and business (its registered name). The documented fixtures are left out: they
 * are public examples, so a value from them says nothing about who looked it up.
 * Wallet recovery draws its decoys from here, so a decoy and a real lookup come from one population.
 */
export interface LookupPopulation {
  phones: string[];
  people: string[];
  businesses: string[];
  /** Lower-cased "first last" → the person as displayed. */
  personByKey: Map<string, string>;
  /** businessKey(name) → the business's registered name. */
  businessByKey: Map<string, string>;
  phoneSet: Set<string>;
}

const cache = new WeakMap<Dataset, LookupPopulation>();

export function lookupPopulation(ds: Dataset = getDataset()): LookupPopulation {
  const hit = cache.get(ds);
  if (hit) return hit;
  const fixturePeople = new Set(FIXTURE_PEOPLE.map((p) => p.id));
  const fixtureBusinesses = new Set(FIXTURE_BUSINESSES.map((b) => b.id));
  const people = ds.people.filter((p) => !fixturePeople.has(p.id));
  const businesses = ds.businesses.filter((b) => !fixtureBusinesses.has(b.id));
  const phoneSet = new Set<string>();
  for (const p of people) for (const ph of p.phones) phoneSet.add(ph.e164);
  for (const b of businesses) for (const ph of b.phones) phoneSet.add(ph.e164);
  const personByKey = new Map<string, string>();
  for (const p of people) personByKey.set(`${p.first} ${p.last}`.toLowerCase(), `${p.first} ${p.last}`);
  const businessByKey = new Map<string, string>();
  for (const b of businesses) if (!businessByKey.has(businessKey(b.name))) businessByKey.set(businessKey(b.name), b.name);
  const population: LookupPopulation = {
    phones: [...phoneSet],
    people: [...personByKey.values()],
    businesses: [...businessByKey.values()],
    personByKey,
    businessByKey,
    phoneSet,
  };
  cache.set(ds, population);
  return population;
}
