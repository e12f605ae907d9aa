import { env } from "cloudflare:workers";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { askNonce, mintAgent } from "./support/agents.ts";
import { call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { COMPLETE, openChallenge, rightAnswers, signedRecovery, victimWithHistory, wrongAnswers } from "./support/recovery.ts";
import { newWallet } from "./support/wallets.ts";
import { paidPost, payingFetch, usdcOf } from "./support/x402.ts";

const PHONE = "+17242060094";
const PAY_TO = env.PAY_TO_ADDRESS as `0x${string}`;

const balanceOf = async (auth: Record<string, string>) =>
  ((await (await call("/api/v1/agents/balance", { headers: auth })).json()) as { virtual_balance_usd: number }).virtual_balance_usd;

describe("wallet recovery (happy path)", () => {
  it("questions from the agent's own lookups, $1 paid from its wallet → new bearer, same agent and balance", async () => {
    const agent = await victimWithHistory();
    const balance = await balanceOf(agent.auth);

    const ch = await openChallenge(agent.wallet);
    expect(ch.challenge_id).toMatch(/^rc_[0-9A-Za-z]{24}$/);
    expect(ch.questions).toHaveLength(4);
    expect(ch.required_right).toBe(3);
    for (const q of ch.questions) {
      expect(q.options).toHaveLength(10);
      expect(new Set(q.options.map((o) => o.toLowerCase())).size).toBe(10);
      expect(q.options.filter((o) => agent.known.has(o.toLowerCase()))).toHaveLength(1);
      expect(q.question).toMatch(/^Which of these .* in the last 90 days\?$/);
    }
    expect(Date.parse(ch.expires_at) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(ch.fee).toMatchObject({ amount_usd: 1, scheme: "exact", pay_to: env.PAY_TO_ADDRESS, payer_must_be: agent.wallet.address, non_refundable: true });
    expect(ch.next).toMatch(/wallet-recover\/complete/);

    const payeeBefore = await usdcOf(PAY_TO);
    const walletBefore = await usdcOf(agent.wallet.address);
    const res = await paidPost(payingFetch(agent.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, agent.known) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      agent_id: string;
      token: string;
      wallet: string;
      virtual_balance_usd: number;
      rotated_at: string;
      billing: { charged_usd: number; x402_transaction: string };
    };
    expect(body).toMatchObject({ agent_id: agent.agentId, wallet: agent.wallet.address, virtual_balance_usd: balance });
    expect(body.token).toMatch(new RegExp(`^411_${agent.agentId}_[0-9A-Za-z]{40}$`));
    expect(body.token).not.toBe(agent.token);
    expect(body.billing).toMatchObject({ charged_usd: 1, mode: "x402_exact" });
    expect(JSON.parse(atob(res.headers.get("payment-response")!))).toMatchObject({ success: true, transaction: body.billing.x402_transaction });
    expect((await usdcOf(PAY_TO)) - payeeBefore).toBe(1_000_000n);
    expect(walletBefore - (await usdcOf(agent.wallet.address))).toBe(1_000_000n);

    // The old bearer is dead; the new one is the same agent with the same balance.
    await expectEnvelope(await call("/api/v1/agents/me", { headers: agent.auth }), 401, "TOKEN_INVALID");
    const me = await call("/api/v1/agents/me", { headers: { authorization: `Bearer ${body.token}` } });
    expect(await me.json()).toMatchObject({ agent_id: agent.agentId, wallets: [agent.wallet.address] });
    expect(await balanceOf({ authorization: `Bearer ${body.token}` })).toBe(balance);

    // Single use: the same challenge cannot be completed again, and nothing more is charged.
    const replay = await paidPost(payingFetch(agent.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, agent.known) });
    expect((await expectEnvelope(replay, 410, "RECOVERY_CHALLENGE_CLOSED")).error).toMatchObject({ details: { reason: "completed" } });
    expect(walletBefore - (await usdcOf(agent.wallet.address))).toBe(1_000_000n);

    // The raw bearer never reaches the request log.
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row.response_body).not.toContain(body.token);
    expect(row).toMatchObject({ agent_id: agent.agentId, charged_micros: 1_000_000 });
  });

  it("without payment every answer gets the same 402 for $1.00, right or wrong, and the challenge stays open", async () => {
    const agent = await victimWithHistory();
    const ch = await openChallenge(agent.wallet);
    const right = await postJson(COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, agent.known).map((a, i) => ch.questions[i]!.options.indexOf(a)) });
    const wrong = await postJson(COMPLETE, { challenge_id: ch.challenge_id, answers: wrongAnswers(ch, agent.known) });
    expect(right.headers.get("payment-required")).toBeTruthy();
    const bodies = [];
    for (const res of [right, wrong]) {
      const body = (await expectEnvelope(res, 402, "PAYMENT_REQUIRED")) as unknown as {
        x402Version: number;
        accepts: { scheme: string; amount: string; payTo: string }[];
        resource: { url: string };
        error: { message: string; details: { payer_must_be: string; non_refundable: boolean } };
      };
      expect(body.x402Version).toBe(2);
      expect(body.accepts).toEqual([expect.objectContaining({ scheme: "exact", amount: "1000000", payTo: env.PAY_TO_ADDRESS })]);
      expect(body.resource.url).toMatch(/\/api\/v1\/agents\/wallet-recover\/complete$/);
      expect(body.error.details).toMatchObject({ payer_must_be: agent.wallet.address, non_refundable: true });
      bodies.push({ message: body.error.message, details: body.error.details, accepts: body.accepts });
    }
    // Nothing in the answer tells a right guess from a wrong one.
    expect(bodies[0]).toEqual(bodies[1]);
    const row = await env.DB.prepare("SELECT state, finished_at FROM recovery_challenges WHERE id = ?").bind(ch.challenge_id).first();
    expect(row).toEqual({ state: "open", finished_at: null });
    expect((await call("/api/v1/agents/me", { headers: agent.auth })).status).toBe(200);
  });

  it("asking again shows the same questions and options, so comparing challenges reveals nothing", async () => {
    const agent = await victimWithHistory();
    const first = await openChallenge(agent.wallet);
    const second = await openChallenge(agent.wallet);
    expect(second.challenge_id).not.toBe(first.challenge_id);
    const shape = (ch: typeof first) => ch.questions.map((q) => [q.question, [...q.options].sort()]).sort();
    expect(shape(second)).toEqual(shape(first));
  });
});

describe("wallet recovery refusals", () => {
  it("an agent with too few lookups made with its bearer cannot recover (403 RECOVERY_UNAVAILABLE)", async () => {
    const agent = await mintAgent();
    await expectEnvelope(await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(agent.wallet)), 403, "RECOVERY_UNAVAILABLE");

    // A lookup paid anonymously from the wallet does not count: a wallet thief could plant it.
    const paid = await paidPost(payingFetch(agent.wallet), "/api/v1/enrich/phone", { phone: PHONE });
    expect(paid.status).toBe(200);
    expect((await storedRequest(paid.headers.get("x-request-id")!)).agent_id).toBe(agent.agentId);
    const res = await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(agent.wallet));
    expect((await expectEnvelope(res, 403, "RECOVERY_UNAVAILABLE")).error).toMatchObject({ details: { reason: "no_usage_history" } });

    // The documented examples are public knowledge: looking them up is no proof of anything.
    await env.AGENT_ACCOUNT.getByName(agent.agentId).credit({ amount: 5_000_000 });
    expect((await postJson("/api/v1/enrich/phone", { phone: PHONE }, agent.auth)).status).toBe(200);
    const fewer = await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(agent.wallet));
    expect((await expectEnvelope(fewer, 403, "RECOVERY_UNAVAILABLE")).error).toMatchObject({ details: { reason: "no_usage_history" } });
  });

  it("a wallet with no agent is a 404 that points to mint", async () => {
    const wallet = await newWallet(2);
    const res = await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(wallet));
    const body = (await expectEnvelope(res, 404, "NOT_FOUND")) as unknown as { error: { details: { next_action: string } } };
    expect(body.error.details.next_action).toMatch(/wallet-register/);
  });

  it("SIWE: a mint nonce, a replayed signature and another wallet's signature are refused", async () => {
    const agent = await victimWithHistory();
    const challenge = (body: unknown) => postJson("/api/v1/agents/wallet-recover/challenge", body);

    // The mint message as signed: its statement is not a recovery request.
    const mint = await askNonce(agent.wallet.address);
    const asMint = { siwe_message: mint.siwe_message, siwe_signature: await agent.wallet.signMessage({ message: mint.siwe_message }) };
    expect((await expectEnvelope(await challenge(asMint), 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "wrong_statement" } });

    // A recovery message carrying a nonce issued for mint.
    const fields = parseSiweMessage(mint.siwe_message);
    const recoverStatement = parseSiweMessage((await askNonce(agent.wallet.address, { purpose: "recover" })).siwe_message).statement;
    const forged = createSiweMessage({ ...fields, statement: recoverStatement } as Parameters<typeof createSiweMessage>[0]);
    const res = await challenge({ siwe_message: forged, siwe_signature: await agent.wallet.signMessage({ message: forged }) });
    expect((await expectEnvelope(res, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "unknown_nonce" } });

    // Replay of a used recovery signature.
    const signed = await signedRecovery(agent.wallet);
    expect((await challenge(signed)).status).toBe(200);
    expect((await expectEnvelope(await challenge(signed), 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "nonce_used" } });

    // Signed by someone else.
    const nonce = await askNonce(agent.wallet.address, { purpose: "recover" });
    const stranger = await newWallet(0);
    const bad = await challenge({ siwe_message: nonce.siwe_message, siwe_signature: await stranger.signMessage({ message: nonce.siwe_message }) });
    expect((await expectEnvelope(bad, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "bad_signature" } });
  });

  it("a paid attempt with too few right answers keeps the fee, spends the challenge and locks recovery; answers that are not options are free 400s", async () => {
    const agent = await victimWithHistory();
    const ch = await openChallenge(agent.wallet);
    const walletBefore = await usdcOf(agent.wallet.address);

    // Not one of the options, or the wrong count: a typo, not a guess.
    await expectEnvelope(await postJson(COMPLETE, { challenge_id: ch.challenge_id, answers: ["nobody at all", 0, 0, 0] }), 400, "VALIDATION_FAILED");
    await expectEnvelope(await postJson(COMPLETE, { challenge_id: ch.challenge_id, answers: [0] }), 400, "VALIDATION_FAILED");

    // Two right of four (three needed).
    const right = rightAnswers(ch, agent.known);
    const wrong = wrongAnswers(ch, agent.known);
    const answers = [right[0]!, right[1]!, wrong[2]!, wrong[3]!];
    const res = await paidPost(payingFetch(agent.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers });
    const body = (await expectEnvelope(res, 403, "RECOVERY_ANSWER_WRONG")) as unknown as { error: { details: Record<string, unknown> } };
    expect(body.error.details).toMatchObject({ charged_usd: 1, failed_attempts: 1, retry_after_sec: 3600 });
    expect(body.error.details).not.toHaveProperty("right");
    expect(res.headers.get("retry-after")).toBe("3600");
    expect(JSON.parse(atob(res.headers.get("payment-response")!))).toMatchObject({ success: true });
    expect(walletBefore - (await usdcOf(agent.wallet.address))).toBe(1_000_000n);
    expect((await call("/api/v1/agents/me", { headers: agent.auth })).status).toBe(200);

    const late = await paidPost(payingFetch(agent.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: right });
    expect((await expectEnvelope(late, 410, "RECOVERY_CHALLENGE_CLOSED")).error).toMatchObject({ details: { reason: "completed" } });
    expect(walletBefore - (await usdcOf(agent.wallet.address))).toBe(1_000_000n);

    const again = await postJson("/api/v1/agents/wallet-recover/challenge", await signedRecovery(agent.wallet));
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect((await expectEnvelope(again, 429, "RATE_LIMITED")).error).toMatchObject({ details: { reason: "recovery_locked", failed_attempts: 1 } });
  });

  it("an unknown challenge is a 404; an expired one is closed", async () => {
    await expectEnvelope(await postJson(COMPLETE, { challenge_id: "rc_doesnotexist000000000000", answers: [0] }), 404, "NOT_FOUND");

    const agent = await victimWithHistory();
    const ch = await openChallenge(agent.wallet);
    await env.DB.prepare("UPDATE recovery_challenges SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, ch.challenge_id).run();
    const res = await paidPost(payingFetch(agent.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, agent.known) });
    expect((await expectEnvelope(res, 410, "RECOVERY_CHALLENGE_CLOSED")).error).toMatchObject({ details: { reason: "expired" } });
  });

  it("the fee paid from another wallet is refused, nothing settles, nothing rotates; the agent's wallet then succeeds", async () => {
    const agent = await victimWithHistory();
    const ch = await openChallenge(agent.wallet);
    const other = await newWallet(5);
    const payeeBefore = await usdcOf(PAY_TO);

    const res = await paidPost(payingFetch(other), COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, agent.known) });
    const body = (await expectEnvelope(res, 402, "PAYMENT_INVALID")) as unknown as { error: { message: string; details: { reason: string; payer_must_be: string } } };
    expect(body.error.details).toMatchObject({ reason: "payer_not_agent_wallet", payer_must_be: agent.wallet.address });
    expect(body.error.message).toMatch(/agent's wallet/);
    expect(await usdcOf(other.address)).toBe(5_000_000n);
    expect(await usdcOf(PAY_TO)).toBe(payeeBefore);
    expect((await call("/api/v1/agents/me", { headers: agent.auth })).status).toBe(200);
    const row = await env.DB.prepare("SELECT state, finished_at FROM recovery_challenges WHERE id = ?").bind(ch.challenge_id).first();
    expect(row).toEqual({ state: "open", finished_at: null });

    const ok = await paidPost(payingFetch(agent.wallet), COMPLETE, { challenge_id: ch.challenge_id, answers: rightAnswers(ch, agent.known) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { agent_id: string }).agent_id).toBe(agent.agentId);
    expect((await call("/api/v1/agents/me", { headers: agent.auth })).status).toBe(401);
  });
});
