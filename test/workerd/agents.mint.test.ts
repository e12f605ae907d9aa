import { env } from "cloudflare:workers";
import { createSiweMessage } from "viem/siwe";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { askNonce, mintAgent, signedRegistration } from "./support/agents.ts";
import { call, expectEnvelope, postJson, storedRequest } from "./support/http.ts";
import { newWallet, setUsdc } from "./support/wallets.ts";

const register = (body: unknown) => postJson("/api/v1/agents/wallet-register", body);

describe("mint with a wallet (happy)", () => {
  it("mints once, shows the bearer once, grants $0.20, and stores only the hash", async () => {
    const wallet = await newWallet(2);
    const res = await register(await signedRegistration(wallet));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ wallet: wallet.address, virtual_balance_usd: 0.2, allowance_usd: null });
    expect(body.token).toMatch(new RegExp(`^411_${body.agent_id}_[0-9A-Za-z]{40}$`));

    const me = await call("/api/v1/agents/me", { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      agent_id: body.agent_id,
      wallets: [wallet.address],
      drawn_usd: 0,
      key_kind: "agent",
    });

    // Re-mint from the same wallet: same agent, no bearer.
    const again = await register(await signedRegistration(wallet, { allowanceUsd: "12.5" }));
    expect(await again.json()).toMatchObject({ agent_id: body.agent_id, token: null, allowance_usd: 12.5, virtual_balance_usd: 0.2 });

    // Neither the agents table nor the request log holds the raw bearer.
    const row = await storedRequest(res.headers.get("x-request-id")!);
    expect(row.response_body).not.toContain(body.token as string);
    expect(row.response_body).toContain(`411_${body.agent_id}_[redacted]`);
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM agents").all());
    expect(dump).not.toContain(body.token as string);
  });

  it("records a signed budget commitment as allowance_usd", async () => {
    const agent = await mintAgent({ allowanceUsd: "10" });
    const balance = await call("/api/v1/agents/balance", { headers: agent.auth });
    expect(await balance.json()).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0, allowance_usd: 10, drawn_usd: 0 });
    const intent = (await askNonce(agent.wallet.address, { allowance_usd: "10" })).allowance_intent_message!;
    for (const field of ["Chain ID: 31337", "Token: 0x", "Amount: 10000000", "Destination: 0x", "Nonce: ", "Deadline: "]) {
      expect(intent).toContain(field);
    }
  });

  it("concurrent mints of one wallet yield one agent and one bearer", async () => {
    const wallet = await newWallet(3);
    const bodies = await Promise.all(Array.from({ length: 8 }, () => signedRegistration(wallet)));
    const answers = await Promise.all(bodies.map(async (b) => (await register(b)).json() as Promise<{ agent_id: string; token: string | null }>));
    expect(new Set(answers.map((a) => a.agent_id)).size).toBe(1);
    expect(answers.filter((a) => a.token !== null)).toHaveLength(1);
  });
});

describe("mint refusals", () => {
  it("a replayed signed message is refused", async () => {
    const wallet = await newWallet(2);
    const body = await signedRegistration(wallet);
    expect((await register(body)).status).toBe(200);
    const replay = await expectEnvelope(await register(body), 401, "SIWE_INVALID");
    expect(replay.error).toMatchObject({ details: { reason: "nonce_used" } });
  });

  it("an expired message or nonce is refused", async () => {
    const wallet = await newWallet(2);
    const nonce = await askNonce(wallet.address);
    await env.DB.prepare("UPDATE wallet_nonces SET expires_at = ? WHERE nonce = ?").bind(Date.now() - 1, nonce.nonce).run();
    const res = await register({ siwe_message: nonce.siwe_message, siwe_signature: await wallet.signMessage({ message: nonce.siwe_message }) });
    expect((await expectEnvelope(res, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "nonce_expired" } });

    const fresh = await askNonce(wallet.address);
    const past = forge(fresh.siwe_message, { expirationTime: new Date(Date.now() - 1000) }, wallet.address, fresh.nonce);
    const res2 = await register({ siwe_message: past, siwe_signature: await wallet.signMessage({ message: past }) });
    expect((await expectEnvelope(res2, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "expired" } });
  });

  it.each([
    ["wrong_domain", { domain: "evil.example" }],
    ["wrong_uri", { uri: "https://evil.example" }],
    ["wrong_chain", { chainId: 8453 }],
  ])("%s is refused", async (reason, change) => {
    const wallet = await newWallet(2);
    const nonce = await askNonce(wallet.address);
    const message = forge(nonce.siwe_message, change, wallet.address, nonce.nonce);
    const res = await register({ siwe_message: message, siwe_signature: await wallet.signMessage({ message }) });
    expect((await expectEnvelope(res, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason } });
  });

  it("a signature by another key is refused and does not spend the nonce", async () => {
    const wallet = await newWallet(2);
    const nonce = await askNonce(wallet.address);
    const thief = privateKeyToAccount(generatePrivateKey());
    const res = await register({ siwe_message: nonce.siwe_message, siwe_signature: await thief.signMessage({ message: nonce.siwe_message }) });
    expect((await expectEnvelope(res, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "bad_signature" } });
    const ok = await register({ siwe_message: nonce.siwe_message, siwe_signature: await wallet.signMessage({ message: nonce.siwe_message }) });
    expect(ok.status).toBe(200);
  });

  it("a nonce issued to another wallet is refused", async () => {
    const [a, b] = [await newWallet(2), await newWallet(2)];
    const nonce = await askNonce(a.address);
    const message = forge(nonce.siwe_message, {}, b.address, nonce.nonce);
    const res = await register({ siwe_message: message, siwe_signature: await b.signMessage({ message }) });
    expect((await expectEnvelope(res, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "unknown_nonce" } });
  });

  it.each([
    ["not a siwe message", "hello"],
    ["empty", ""],
  ])("a malformed message (%s) is a 400", async (_name, message) => {
    const res = await register({ siwe_message: message, siwe_signature: "0x1234" });
    await expectEnvelope(res, 400, "VALIDATION_FAILED");
  });

  it("bad body shapes are 400s naming the field", async () => {
    for (const body of [{}, { siwe_message: "x" }, { siwe_message: "x", siwe_signature: "nothex" }, { siwe_message: 5, siwe_signature: "0x00" }]) {
      await expectEnvelope(await register(body), 400, "VALIDATION_FAILED");
    }
    for (const body of [{}, { address: "0x123" }, { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", allowance_usd: -1 }, { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", allowance_usd: "1.1234567" }]) {
      await expectEnvelope(await postJson("/api/v1/agents/wallet-nonce", body), 400, "VALIDATION_FAILED");
    }
  });

  it("a wallet under $1 USDC is refused with 402 and can retry the same signature after funding", async () => {
    const wallet = await newWallet(0.99);
    const body = await signedRegistration(wallet);
    const res = await register(body);
    const err = await expectEnvelope(res, 402, "WALLET_UNDERFUNDED");
    expect(err.error).toMatchObject({ details: { wallet_usdc: 0.99, required_usdc: 1 } });
    await setUsdc(wallet.address, 1_000_000);
    expect((await register(body)).status).toBe(200);
  });

  it("a tampered budget commitment is refused", async () => {
    const wallet = await newWallet(2);
    const body = await signedRegistration(wallet, { allowanceUsd: "5" });
    const tampered = body.allowance_intent_message!.replace("Amount: 5000000", "Amount: 500000000");
    const res = await register({ ...body, allowance_intent_message: tampered });
    expect((await expectEnvelope(res, 401, "SIWE_INVALID")).error).toMatchObject({ details: { reason: "bad_signature" } });
    const half = { siwe_message: body.siwe_message, siwe_signature: body.siwe_signature, allowance_intent_message: body.allowance_intent_message };
    await expectEnvelope(await register(half), 400, "VALIDATION_FAILED");
  });
});

/** Re-writes a SIWE message with some fields changed (what a phisher or a confused client would send). */
function forge(original: string, change: Record<string, unknown>, address: `0x${string}`, nonce: string) {
  const uri = /^URI: (.+)$/m.exec(original)![1]!;
  const statement = original.split("\n")[3]!;
  return createSiweMessage({
    domain: "localhost:8787",
    address,
    statement,
    uri,
    version: "1",
    chainId: 31337,
    nonce,
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 300_000),
    ...change,
  });
}
