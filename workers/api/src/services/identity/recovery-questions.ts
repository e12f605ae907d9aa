import { parsePhoneNumberFromString } from "libphonenumber-js";
import { businessKey, type LookupPopulation, lookupPopulation, splitName } from "@411data/vendors";
import { keyedHash } from "./server-key.ts";

// The questions wallet recovery asks: "which of these did this agent look up?", each over one real
// lookup from the agent's own history and decoys drawn from the same population the vendors answer
// from, written the same way (E.164 phones, "First Last", registered business names). No option is
// built from a list a reader of this file could exclude, and a real lookup is always asked with the
// decoys it was first asked with, so comparing challenges never isolates it.

export const HISTORY_DAYS = 90;
/** Options per question: the real lookup and OPTION_COUNT − 1 decoys. */
export const OPTION_COUNT = 10;
/** Questions per challenge, each about a different real lookup. */
export const MAX_QUESTIONS = 5;
export const MIN_QUESTIONS = 3;
/** Newest history rows read: enough variety for the questions and to keep decoys off real lookups. */
const HISTORY_SCAN_LIMIT = 1000;

export type LookupKind = "phone" | "person" | "business";

export const QUESTIONS: Record<LookupKind, string> = {
  phone: `Which of these phone numbers did this agent look up in the last ${HISTORY_DAYS} days?`,
  person: `Which of these people did this agent look up in the last ${HISTORY_DAYS} days?`,
  business: `Which of these businesses did this agent research in the last ${HISTORY_DAYS} days?`,
};

export interface Lookup {
  kind: LookupKind;
  /** As every option is shown: the population's own spelling of the value. */
  display: string;
}

/** Right answers needed out of `asked` questions: one slip is forgiven from four questions up. */
export const requiredRight = (asked: number) => (asked >= 4 ? asked - 1 : asked);

/** Chance that picking uniformly at random passes: Σ_{i≥k} C(n,i) pⁱ (1−p)ⁿ⁻ⁱ with p = 1/OPTION_COUNT. */
export function guessSuccess(asked: number, p = 1 / OPTION_COUNT): number {
  const k = requiredRight(asked);
  let total = 0;
  for (let i = k; i <= asked; i++) total += choose(asked, i) * p ** i * (1 - p) ** (asked - i);
  return total;
}

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - i + 1)) / i;
  return r;
}

/**
 * Distinct lookups the agent made with its own bearer (or usage keys), newest first, that name a
 * value of the vendors' population. Calls paid anonymously from the wallet are attributed to the
 * agent too; they are left out, since whoever holds the wallet could make them to plant an answer.
 */
export async function lookupHistory(db: D1Database, agentId: string, now: number): Promise<Lookup[]> {
  const since = new Date(now - HISTORY_DAYS * 86_400_000).toISOString();
  const rows = await db
    .prepare(
      `SELECT request_body FROM requests
       WHERE agent_id = ? AND created_at >= ? AND route LIKE '/api/v1/enrich/%' AND status IN (200, 202)
         AND request_body IS NOT NULL AND json_extract(request_headers, '$.authorization') IS NOT NULL
       ORDER BY created_at DESC LIMIT ${HISTORY_SCAN_LIMIT}`,
    )
    .bind(agentId, since)
    .all<{ request_body: string }>();
  const population = lookupPopulation();
  const seen = new Map<string, Lookup>();
  for (const row of rows.results) {
    for (const lookup of lookupsIn(row.request_body, population)) {
      const key = optionKey(lookup.display);
      if (!seen.has(key)) seen.set(key, lookup);
    }
  }
  return [...seen.values()];
}

/** The population values a stored enrich request names: phone, person name, business name. */
export function lookupsIn(requestBody: string, population: LookupPopulation = lookupPopulation()): Lookup[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(requestBody);
  } catch {
    return [];
  }
  if (!isRecord(parsed)) return [];
  const out: Lookup[] = [];
  // Async jobs and lead sessions carry the same fields one level down.
  for (const obj of [parsed, parsed.input, parsed.payload, parsed.lead].filter(isRecord)) {
    for (const field of ["phone", "number1"]) {
      const phone = typeof obj[field] === "string" || typeof obj[field] === "number" ? e164(String(obj[field])) : null;
      if (phone && population.phoneSet.has(phone)) out.push({ kind: "phone", display: phone });
    }
    for (const field of ["name", "dm_name"]) {
      if (typeof obj[field] !== "string") continue;
      const { first, last } = splitName(obj[field] as string);
      const person = first && last ? population.personByKey.get(`${first} ${last}`.toLowerCase()) : undefined;
      if (person) out.push({ kind: "person", display: person });
    }
    for (const field of ["business_name", "company"]) {
      if (typeof obj[field] !== "string") continue;
      const business = population.businessByKey.get(businessKey(obj[field] as string));
      if (business) out.push({ kind: "business", display: business });
    }
  }
  return out;
}

/** OPTION_COUNT − 1 decoys of the real lookup's kind, none of them in `taken`. */
export function drawDecoys(real: Lookup, taken: Set<string>, population: LookupPopulation = lookupPopulation()): string[] {
  const pool = real.kind === "phone" ? population.phones : real.kind === "person" ? population.people : population.businesses;
  const out: string[] = [];
  while (out.length < OPTION_COUNT - 1) {
    const candidate = pool[randomInt(pool.length)]!;
    const key = optionKey(candidate);
    if (taken.has(key)) continue;
    taken.add(key);
    out.push(candidate);
  }
  return out;
}

/** Keyed with the server secret and the agent: a D1 reader cannot test candidate answers against it. */
export function answerHash(env: Env, agentId: string, option: string): Promise<string> {
  return keyedHash(env, "recovery-answer", `${agentId}\n${optionKey(option)}`);
}

export function optionKey(option: string): string {
  return option.trim().replace(/\s+/g, " ").toLowerCase();
}

function e164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), "US");
  return parsed && parsed.isPossible() ? parsed.number : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Unbiased integer in [0, n) from the platform CSPRNG. */
export function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % n;
}

export function shuffle<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
