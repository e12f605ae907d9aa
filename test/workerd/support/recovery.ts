import { env } from "cloudflare:workers";
import { getDataset, lookupPopulation } from "@411data/vendors";
import type { PrivateKeyAccount } from "viem/accounts";
import { expect } from "vitest";
import { askNonce, type MintedAgent, mintAgent, ownAddress } from "./agents.ts";

export { ownAddress };
import { postJson, storedRequest } from "./http.ts";

export const CHALLENGE = "/api/v1/agents/wallet-recover/challenge";
export const COMPLETE = "/api/v1/agents/wallet-recover/complete";

export interface Question {
  kind: "phone" | "person" | "business";
  question: string;
  options: string[];
}

export interface Challenge {
  challenge_id: string;
  questions: Question[];
  required_right: number;
  expires_at: string;
  attempts: 1;
  fee: Record<string, unknown>;
  next: string;
}

export interface Victim extends MintedAgent {
  /** What the agent looked up, spelled as the options spell it (lower case). */
  known: Set<string>;
  /** The client address its unauthenticated calls come from (each victim its own, as in life). */
  from: Record<string, string>;
}


const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/**
 * An agent that hunted leads the way a customer does: reverse phones, people by name and city,
 * businesses by name, all values the vendors know (random ones, not the documented examples),
 * each call made with its bearer and stored in the request log.
 */
export async function victimWithHistory(lookups: { phones?: number; people?: number; businesses?: number } = {}): Promise<Victim> {
  const from = ownAddress();
  const agent = await mintAgent({ headers: from });
  await env.AGENT_ACCOUNT.getByName(agent.agentId).credit({ amount: 50_000_000, memo: "test top-up" });
  const ds = getDataset();
  const population = lookupPopulation();
  const people = ds.people.filter((p) => population.personByKey.has(`${p.first} ${p.last}`.toLowerCase()) && p.id.length > 10);
  const known = new Set<string>();
  const calls: Promise<Response>[] = [];
  for (let i = 0; i < (lookups.phones ?? 2); i++) {
    const phone = pick(population.phones);
    known.add(phone.toLowerCase());
    calls.push(postJson("/api/v1/enrich/phone", { phone }, agent.auth));
  }
  for (let i = 0; i < (lookups.people ?? 1); i++) {
    const p = pick(people.filter((x) => x.current[0]));
    known.add(`${p.first} ${p.last}`.toLowerCase());
    calls.push(postJson("/api/v1/enrich/person", { name: `${p.first.toLowerCase()}  ${p.last.toUpperCase()}`, city: p.current[0]!.city, state_code: p.current[0]!.state_code }, agent.auth));
  }
  for (let i = 0; i < (lookups.businesses ?? 1); i++) {
    const b = pick(population.businesses);
    const record = ds.businesses.find((x) => x.name === b)!;
    known.add(b.toLowerCase());
    calls.push(postJson("/api/v1/enrich/websearch", { business_name: b.toLowerCase(), city: record.address.city, state: record.address.state_code }, agent.auth));
  }
  for (const res of await Promise.all(calls)) {
    expect(res.status).toBe(200);
    await storedRequest(res.headers.get("x-request-id")!);
  }
  return { ...agent, known, from };
}

export async function signedRecovery(wallet: PrivateKeyAccount, headers: Record<string, string> = {}) {
  const nonce = await askNonce(wallet.address, { purpose: "recover" }, headers);
  return { siwe_message: nonce.siwe_message, siwe_signature: await wallet.signMessage({ message: nonce.siwe_message }) };
}

export async function openChallenge(wallet: PrivateKeyAccount, headers: Record<string, string> = {}): Promise<Challenge> {
  const res = await postJson(CHALLENGE, await signedRecovery(wallet, headers), headers);
  if (res.status !== 200) throw new Error(`challenge ${res.status}: ${await res.text()}`);
  return (await res.json()) as Challenge;
}

/** The owner's answers: the option it remembers looking up, for every question. */
export const rightAnswers = (ch: Challenge, known: Set<string>) => ch.questions.map((q) => q.options.find((o) => known.has(o.toLowerCase()))!);

/** Every answer wrong. */
export const wrongAnswers = (ch: Challenge, known: Set<string>) => ch.questions.map((q) => q.options.find((o) => !known.has(o.toLowerCase()))!);

/** How many of `answers` name a real lookup. */
export const scoreOf = (answers: string[], known: Set<string>) => answers.filter((a) => known.has(a.toLowerCase())).length;
