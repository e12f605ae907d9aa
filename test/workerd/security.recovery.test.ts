import { env } from "cloudflare:workers";
import { verifyCallbackSignature } from "@411data/core";
import { lookupPopulation, SEED_EXAMPLES } from "@411data/vendors";
import { describe, expect, it, vi } from "vitest";
import { guessSuccess } from "../../workers/api/src/services/identity/recovery-questions.ts";
import type { ReceivedCallback } from "../setup/callback-receiver.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";
import {
  type Challenge,
  COMPLETE,
  openChallenge,
  rightAnswers,
  scoreOf,
  signedRecovery,
  ownAddress,
  victimWithHistory,
  wrongAnswers,
} from "./support/recovery.ts";
import { paidPost, payingFetch } from "./support/x402.ts";

const RECEIVER = `http://127.0.0.1:${env.CALLBACKS_LOOPBACK_PORTS}`;

/**
 * The attacker holds the wallet key and reads the source, the API and the documented examples — not
 * the agent's bearer or its history. Its best play: open several challenges and keep the options
 * that recur (the real lookup, if decoys were redrawn), prefer values the vendors know and the
 * documented examples, and guess among what is left.
 */
function attackerAnswers(challenges: Challenge[]): string[] {
  const population = lookupPopulation();
  const examples = new Set(
    Object.values(SEED_EXAMPLES)
      .flatMap((e) => (typeof e === "string" ? [e] : Object.values(e).map(String)))
      .map((v) => v.toLowerCase()),
  );
  const seen = new Map<string, number>();
  for (const ch of challenges) for (const q of ch.questions) for (const o of q.options) seen.set(o, (seen.get(o) ?? 0) + 1);
  const known = (o: string) =>
    population.phoneSet.has(o) || population.personByKey.has(o.toLowerCase()) || population.businesses.includes(o) ? 1 : 0;
  return challenges[0]!.questions.map((q) => {
    const score = (o: string) => (seen.get(o) ?? 0) * 100 + (examples.has(o.toLowerCase()) ? 10 : 0) + known(o);
    const best = Math.max(...q.options.map(score));
    const top = q.options.filter((o) => score(o) === best);
    return top[Math.floor(Math.random() * top.length)]!;
  });
}

describe("wallet recovery against a wallet-key holder", () => {
  it("an attacker with only public information passes well under 1 % of challenges", async () => {
    const VICTIMS = 120;
    let passed = 0;
    let rightQuestions = 0;
    let askedQuestions = 0;
    const sizes = new Set<number>();
    for (let batch = 0; batch < VICTIMS; batch += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, VICTIMS - batch) }, async () => {
          const victim = await victimWithHistory({ phones: 2, people: 2, businesses: 1 });
          // The attacker holds the wallet key: it signs from its own address.
          const attacker = ownAddress();
          const seen = [await openChallenge(victim.wallet, attacker), await openChallenge(victim.wallet, attacker), await openChallenge(victim.wallet, attacker)];
          const answers = attackerAnswers(seen);
          const right = scoreOf(answers, victim.known);
          sizes.add(seen[0]!.questions.length);
          rightQuestions += right;
          askedQuestions += answers.length;
          if (right >= seen[0]!.required_right) passed++;
        }),
      );
    }
    const perQuestion = rightQuestions / askedQuestions;
    console.log(`recovery attacker: ${passed}/${VICTIMS} challenges passed, ${rightQuestions}/${askedQuestions} questions right (${(perQuestion * 100).toFixed(1)} %)`);
    // Per question the attacker does no better than a blind pick among ten (1 in 10, with sampling slack)…
    expect(perQuestion).toBeLessThan(0.16);
    // …so a challenge of these sizes falls to it far less often than 1 in 100, measured and computed.
    for (const n of sizes) expect(guessSuccess(n, perQuestion)).toBeLessThan(0.01);
    expect(passed / VICTIMS).toBeLessThan(0.01);
  }, 240_000);

  it("the stated odds: at most 0.37 % per paid attempt for a blind guess", () => {
    expect(guessSuccess(3)).toBeCloseTo(0.001, 6);
    expect(guessSuccess(4)).toBeCloseTo(0.0037, 6);
    expect(guessSuccess(5)).toBeCloseTo(0.00046, 6);
  });

  it("failures keep the fee, the lockout doubles, and nothing answered in a failed attempt is shown again", async () => {
    const victim = await victimWithHistory({ phones: 3, people: 3, businesses: 2 });
    const attempt = async (ch: Challenge) =>
      paidPost(payingFetch(victim.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: wrongAnswers(ch, victim.known) });
    const unlock = () => env.DB.prepare("UPDATE recovery_lockouts SET locked_until = ? WHERE agent_id = ?").bind(Date.now() - 1, victim.agentId).run();
    const optionsOf = (ch: Challenge) => new Set(ch.questions.flatMap((q) => q.options));

    const first = await openChallenge(victim.wallet);
    expect(first.questions).toHaveLength(5);
    // Asking again before any attempt shows the same options.
    expect(optionsOf(await openChallenge(victim.wallet))).toEqual(optionsOf(first));
    const one = await attempt(first);
    expect(((await expectEnvelope(one, 403, "RECOVERY_ANSWER_WRONG")) as unknown as { error: { details: unknown } }).error.details).toMatchObject({ retry_after_sec: 3600, charged_usd: 1 });

    // The lockout ends (time passes): the next challenge asks about other lookups, with other options.
    await unlock();
    const second = await openChallenge(victim.wallet);
    expect(second.questions).toHaveLength(3);
    expect(second.required_right).toBe(3);
    expect([...optionsOf(second)].filter((o) => optionsOf(first).has(o))).toEqual([]);

    const two = await attempt(second);
    expect(((await expectEnvelope(two, 403, "RECOVERY_ANSWER_WRONG")) as unknown as { error: { details: unknown } }).error.details).toMatchObject({ retry_after_sec: 7200, failed_attempts: 2 });
    const locked = await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(victim.wallet));
    await expectEnvelope(locked.clone(), 429, "RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(7100);

    // Every lookup has now been asked in a failed attempt: there is nothing left to ask.
    await unlock();
    const done = await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(victim.wallet));
    expect((await expectEnvelope(done, 403, "RECOVERY_UNAVAILABLE")).error).toMatchObject({ details: { reason: "history_used_up" } });
  });

  it("a challenge opened before a lockout cannot be used during it", async () => {
    const victim = await victimWithHistory();
    const ch = await openChallenge(victim.wallet);
    await env.DB.prepare("INSERT INTO recovery_lockouts (agent_id, failures, locked_until, updated_at) VALUES (?, 1, ?, ?)").bind(victim.agentId, Date.now() + 60_000, Date.now()).run();
    await expectEnvelope(await postJson(COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, victim.known) }), 429, "RATE_LIMITED");
  });

  it("success revokes every usage key and tells account.recovery_completed subscribers", async () => {
    const victim = await victimWithHistory();
    const created = await postJson("/api/v1/agents/usage-keys", { spend_cap_usd: 2 }, victim.auth);
    const { key } = (await created.json()) as { key: string };
    const inbox = `rec${crypto.randomUUID().replaceAll("-", "")}`;
    const sub = await postJson("/api/v1/agents/callbacks", { url: `${RECEIVER}/hook/${inbox}/ok`, events: ["account.recovery_completed"] }, victim.auth);
    expect(sub.status).toBe(201);
    const { signing_secret: secret } = (await sub.json()) as { signing_secret: string };

    const ch = await openChallenge(victim.wallet);
    const res = await paidPost(payingFetch(victim.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, victim.known) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; usage_keys_revoked: number };
    expect(body.usage_keys_revoked).toBe(1);

    await expectEnvelope(await postJson("/api/v1/enrich/phone", { phone: "+17242060094" }, { authorization: `Bearer ${key}` }), 401, "TOKEN_REVOKED");
    const keys = (await (await call("/api/v1/agents/usage-keys", { headers: { authorization: `Bearer ${body.token}` } })).json()) as { usage_keys: { revoked_at: string | null }[] };
    expect(keys.usage_keys.every((k) => k.revoked_at !== null)).toBe(true);

    const got = await vi.waitUntil(
      async () => {
        const list = (await (await fetch(`${RECEIVER}/inbox/${inbox}`)).json()) as ReceivedCallback[];
        return list.length > 0 ? list : false;
      },
      { timeout: 15_000, interval: 50 },
    );
    const event = JSON.parse(got[0]!.body) as { type: string; agent_id: string; data: Record<string, unknown> };
    expect(event).toMatchObject({ type: "account.recovery_completed", agent_id: victim.agentId, data: { usage_keys_revoked: 1, wallet: victim.wallet.address } });
    expect(await verifyCallbackSignature(secret, got[0]!.headers["x-411-signature"]!, got[0]!.body)).toBe(true);
  });
});
