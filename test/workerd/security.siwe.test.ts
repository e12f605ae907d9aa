import { env } from "cloudflare:workers";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { MAX_BALANCE_CHECKS } from "../../workers/api/src/services/identity/nonces.ts";
import { askNonce, signedRegistration } from "./support/agents.ts";
import { call, expectEnvelope, postJson } from "./support/http.ts";
import { ownAddress } from "./support/recovery.ts";
import { newWallet, setUsdc } from "./support/wallets.ts";

const register = (body: unknown, headers: Record<string, string> = {}) => postJson("/api/v1/agents/wallet-register", body, headers);

describe("SIWE: only the message the server issued", () => {
  it.each([
    ["a Resources: block", (m: string) => `${m}\nResources:\n- https://evil.example/grant-everything`],
    ["free text after the fields", (m: string) => `${m}\n\nI also agree to transfer my agent.`],
    ["a Request ID line", (m: string) => createSiweMessage({ ...(parseSiweMessage(m) as Parameters<typeof createSiweMessage>[0]), requestId: "hello" })],
    ["a later expiry", (m: string) => createSiweMessage({ ...(parseSiweMessage(m) as Parameters<typeof createSiweMessage>[0]), expirationTime: new Date(Date.now() + 3_600_000) })],
    ["a Not Before line", (m: string) => createSiweMessage({ ...(parseSiweMessage(m) as Parameters<typeof createSiweMessage>[0]), notBefore: new Date(Date.now() - 1000) })],
  ])("%s is refused, signed or not, and the nonce stays usable", async (_name, change) => {
    const wallet = await newWallet(2);
    const nonce = await askNonce(wallet.address);
    const altered = change(nonce.siwe_message);
    expect(altered).not.toBe(nonce.siwe_message);
    const res = await register({ siwe_message: altered, siwe_signature: await wallet.signMessage({ message: altered }) });
    const body = await expectEnvelope(res.clone(), 401, "SIWE_INVALID");
    expect(body.error).toMatchObject({ details: { reason: "not_as_issued" } });
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    // The message as issued still mints.
    const ok = await register({ siwe_message: nonce.siwe_message, siwe_signature: await wallet.signMessage({ message: nonce.siwe_message }) });
    expect(ok.status).toBe(200);
  });

  it("a resent mint message from an underfunded wallet costs a bounded number of balance checks", async () => {
    const wallet = await newWallet(0.5);
    const from = ownAddress();
    const body = await signedRegistration(wallet, { headers: from });
    for (let i = 0; i < MAX_BALANCE_CHECKS; i++) await expectEnvelope(await register(body, from), 402, "WALLET_UNDERFUNDED");
    const spent = await expectEnvelope(await register(body, from), 401, "SIWE_INVALID");
    expect(spent.error).toMatchObject({ details: { reason: "nonce_exhausted" } });
    // Funding does not revive that message: a new nonce does.
    await setUsdc(wallet.address, 2_000_000);
    await expectEnvelope(await register(body, from), 401, "SIWE_INVALID");
    expect((await register(await signedRegistration(wallet, { headers: from }), from)).status).toBe(200);
    const checks = await env.DB.prepare("SELECT balance_checks FROM wallet_nonces WHERE nonce = ?").bind(parseSiweMessage(body.siwe_message!).nonce).first("balance_checks");
    expect(checks).toBe(MAX_BALANCE_CHECKS);
  });
});

describe("WWW-Authenticate on every 401", () => {
  it("absent, malformed, forged and revoked credentials all name the Bearer scheme", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["/api/v1/agents/me", {}, "UNAUTHORIZED"],
      ["/api/v1/agents/me", { authorization: "Basic eDp5" }, "TOKEN_INVALID"],
      ["/api/v1/agents/me", { authorization: "Bearer not-a-token" }, "TOKEN_INVALID"],
      ["/api/v1/agents/me", { authorization: `Bearer 411_agt_${"a".repeat(20)}_${"B".repeat(40)}` }, "TOKEN_INVALID"],
    ];
    for (const [path, headers, code] of cases) {
      const res = await call(path, { headers });
      await expectEnvelope(res.clone(), 401, code);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="411data"/);
    }
  });
});
