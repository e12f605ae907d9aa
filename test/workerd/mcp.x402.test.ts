import { env } from "cloudflare:workers";
import { RESERVED_PHONES } from "@411data/vendors";
import { encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";
import { describe, expect, it, vi } from "vitest";
import { storedRequest } from "./support/http.ts";
import { callTool, type Era, mcpClient } from "./support/mcp.ts";
import { newWallet } from "./support/wallets.ts";
import { payingFetch, usdcOf } from "./support/x402.ts";

// Anonymous paid tool calls through the x402 MCP tool-result binding: the unpaid call answers the
// PaymentRequired, the client signs with the SDK's own x402 client, and the retry carries it in
// _meta["x402/payment"]. Settled on the local chain only on a match.

interface Billing {
  charged_usd: number;
  mode: string;
  matched: boolean;
  x402_transaction: string | null;
}
type Paid = { matched: boolean; billing: Billing };

describe.each<Era>(["modern", "legacy"])("x402 over MCP (%s era)", (era) => {
  it("the payment in _meta is verified, the lookup runs, and it settles on-chain with x402/payment-response", async () => {
    const payer = await newWallet(5);
    const before = await usdcOf(payer.address);
    const client = await mcpClient({ era });
    const args = { phone: "+17242060094" };
    const asked = await callTool<PaymentRequired>(client, "enrich_phone", args);
    expect(asked.isError).toBe(true);
    const payment = await payingFetch(payer).client.createPaymentPayload(asked.structured);

    const paid = await callTool<Paid>(client, "enrich_phone", args, { "x402/payment": payment });
    expect(paid.isError).toBe(false);
    expect(paid.structured).toMatchObject({ matched: true, billing: { mode: "x402_exact", charged_usd: 0.33, matched: true } });
    const tx = paid.structured.billing.x402_transaction;
    expect(tx).toMatch(/^0x[0-9a-f]{64}$/);
    expect(paid.meta["x402/payment-response"]).toMatchObject({ success: true, transaction: tx, network: "eip155:31337" });
    expect(String((paid.meta["x402/payment-response"] as { payer: string }).payer).toLowerCase()).toBe(payer.address.toLowerCase());
    expect(before - (await usdcOf(payer.address))).toBe(330_000n);
    const row = await storedRequest(paid.meta.request_id as string);
    expect(row).toMatchObject({ agent_id: null, charged_micros: 330_000 });
    expect(JSON.parse(row.request_headers)["payment-signature"]).toMatch(/^\[redacted sha256:/);
    // The /mcp exchange that carried it keeps no signature either (once its row has landed).
    await vi.waitUntil(
      async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM requests WHERE path = '/mcp' AND request_body LIKE '%redacted sha256:%'").first<{ n: number }>())!.n > 0,
      { timeout: 5_000, interval: 20 },
    );
    const signature = String(payment.payload.signature);
    expect(signature.length).toBeGreaterThan(100);
    expect(await env.DB.prepare("SELECT id FROM requests WHERE instr(request_body, ?) > 0").bind(signature.slice(2, 60)).first()).toBeNull();

    // The same signed authorization cannot pay twice.
    const replay = await callTool<PaymentRequired>(client, "enrich_phone", args, { "x402/payment": payment });
    expect(replay.isError).toBe(true);
    // A fresh payment request naming the x402 reason, then the envelope with our code.
    expect(replay.structured).toMatchObject({ x402Version: 2, error: "invalid_exact_evm_nonce_already_used" });
    expect(JSON.parse(replay.texts[1]!)).toMatchObject({ error: { code: "PAYMENT_INVALID" } });
    expect(before - (await usdcOf(payer.address))).toBe(330_000n);
  });

  it("a no-match is never settled: no transaction, the wallet untouched", async () => {
    const payer = await newWallet(5);
    const before = await usdcOf(payer.address);
    const client = await mcpClient({ era });
    const args = { phone: RESERVED_PHONES.no_match };
    const asked = await callTool<PaymentRequired>(client, "enrich_phone", args);
    const payment = await payingFetch(payer).client.createPaymentPayload(asked.structured);
    const res = await callTool<Paid>(client, "enrich_phone", args, { "x402/payment": payment });
    expect(res.isError).toBe(false);
    expect(res.structured).toMatchObject({ matched: false, billing: { mode: "x402_exact", charged_usd: 0, matched: false, x402_transaction: null } });
    expect(res.meta["x402/payment-response"]).toBeUndefined();
    expect(await usdcOf(payer.address)).toBe(before);
  });
});

describe("x402 payment forms", () => {
  it("the base64 string form (PAYMENT-SIGNATURE, as Cloudflare agents send it) pays too", async () => {
    const payer = await newWallet(5);
    const client = await mcpClient();
    const args = { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" };
    const asked = await callTool<PaymentRequired>(client, "enrich_person", args);
    const payment = await payingFetch(payer).client.createPaymentPayload(asked.structured);
    const header = encodePaymentSignatureHeader(payment);
    const res = await callTool<Paid>(client, "enrich_person", args, { "x402/payment": header });
    expect(res.structured.billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.5 });
  });

  it("a payment that is not a PaymentPayload is a VALIDATION_FAILED result, nothing run", async () => {
    const client = await mcpClient();
    const res = await callTool<{ error: { code: string } }>(client, "enrich_phone", { phone: "+17242060094" }, { "x402/payment": 42 });
    expect(res.isError).toBe(true);
    expect(res.structured.error.code).toBe("VALIDATION_FAILED");
  });

  it("a payment signed for another tool's price is refused with a fresh payment request", async () => {
    const payer = await newWallet(5);
    const client = await mcpClient();
    const cheap = await callTool<PaymentRequired>(client, "open_support_ticket", { category: "bug", subject: "s", body: "b" });
    const payment = await payingFetch(payer).client.createPaymentPayload(cheap.structured);
    const before = await usdcOf(payer.address);
    const res = await callTool<PaymentRequired>(client, "enrich_phone", { phone: "+17242060094" }, { "x402/payment": payment });
    expect(res.isError).toBe(true);
    expect(res.structured).toMatchObject({ x402Version: 2 });
    expect(res.structured.accepts[0]).toMatchObject({ amount: "330000" });
    expect(await usdcOf(payer.address)).toBe(before);
  });
});
