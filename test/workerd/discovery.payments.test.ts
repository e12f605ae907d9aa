import { env, exports } from "cloudflare:workers";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { Challenge, Credential, Receipt } from "mppx";
import { Mppx } from "mppx/client";
import { charge } from "mppx/evm/client";
import type { PrivateKeyAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RESERVED_PHONES } from "@411data/vendors";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { BASE, postJson } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { usdcOf } from "./support/x402.ts";

const PHONE = "+17242060094";
const worker = async (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));

/** mppx's own client, paying with an EIP-3009 authorization on the local chain. */
function mppClient(account: PrivateKeyAccount) {
  return Mppx.create({
    methods: [charge({ account, authorization: { name: "USD Coin", version: "2" }, networks: [31337], maxAtomicAmount: "2000000" })],
    polyfill: false,
    fetch: worker as typeof fetch,
  });
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

interface PaymentRequiredBody {
  x402Version: number;
  error: string;
  accepts: { scheme: string; amount: string }[];
  extensions?: unknown;
  api_error: { code: string; message: string; details: { next_action?: string } };
}

type Bazaar = { info: { input: { method: string; body: unknown } }; schema: unknown };

/** The PAYMENT-REQUIRED header's PaymentRequired: where x402 clients and validators read the extension. */
function headerOf(res: Response) {
  return decodePaymentRequiredHeader(res.headers.get("payment-required")!) as ReturnType<typeof decodePaymentRequiredHeader> & {
    extensions: { bazaar: Bazaar };
  };
}

describe("a paid route's 402", () => {
  it("is an x402 v2 PaymentRequired (string error) with bazaar, our envelope beside it, and an MPP challenge", async () => {
    const res = await postJson("/api/v1/enrich/phone", { phone: PHONE });
    expect(res.status).toBe(402);
    const body = (await res.json()) as PaymentRequiredBody;
    expect(body.error).toBe("AGENT_TOKEN_REQUIRED");
    expect(body.api_error).toMatchObject({ code: "AGENT_TOKEN_REQUIRED", request_id: res.headers.get("x-request-id") });
    expect(body.api_error.details.next_action).toMatch(/wallet-nonce/);
    // The header carries the same object plus the Bazaar extension; the body does not repeat the
    // extension (most of a 402's weight), and is a valid PaymentRequired without it.
    const header = headerOf(res);
    const { api_error: _, ...paymentRequired } = body;
    expect(body.extensions).toBeUndefined();
    const { extensions, ...headerCore } = header;
    expect(headerCore).toEqual(paymentRequired);
    expect(Object.keys(extensions)).toEqual(["bazaar"]);
    // What a facilitator does before cataloguing: `info` validates against `schema`.
    const bazaar = extensions.bazaar;
    expect(bazaar.info.input).toMatchObject({ method: "POST", body: { phone: expect.any(String) } });
    expect(z.fromJSONSchema(bazaar.schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(bazaar.info).success).toBe(true);

    const [challenge] = Challenge.fromResponseList(res);
    expect(challenge).toMatchObject({ method: "evm", intent: "charge", realm: new URL(env.PUBLIC_BASE_URL).host });
    expect(challenge!.request).toMatchObject({ amount: "330000", recipient: env.PAY_TO_ADDRESS, methodDetails: { chainId: 31337, credentialTypes: ["authorization"] } });
  });

  it("carries bazaar but no MPP challenge on the jobs route (upto stays x402)", async () => {
    const res = await postJson("/api/v1/enrich/jobs", { route: "enrich/websearch", payload: { business_name: "Acme" } });
    expect(res.status).toBe(402);
    expect(res.headers.get("www-authenticate")).toBeNull();
    const body = (await res.json()) as PaymentRequiredBody;
    expect(body.accepts[0]!.scheme).toBe("upto");
    expect(headerOf(res).extensions.bazaar.info.input.method).toBe("POST");
  });
});

describe("MPP (mppx client, evm charge, local chain)", () => {
  it("pays an anonymous call: 200, Payment-Receipt naming the settlement, USDC moved by the price", async () => {
    const payer = await newWallet(5);
    const before = await usdcOf(env.PAY_TO_ADDRESS as `0x${string}`);
    const res = await mppClient(payer).fetch(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { matched: boolean; billing: { charged_usd: number; x402_transaction: string } };
    expect(body.billing).toMatchObject({ charged_usd: 0.33 });
    const receipt = Receipt.fromResponse(res);
    expect(receipt).toMatchObject({ method: "evm", status: "success", reference: body.billing.x402_transaction });
    expect((await usdcOf(env.PAY_TO_ADDRESS as `0x${string}`)) - before).toBe(330_000n);
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
  });

  it("settles nothing on a no-match", async () => {
    const payer = await newWallet(5);
    const client = mppClient(payer);
    const res = await client.fetch(`${BASE}/api/v1/enrich/phone`, post({ phone: RESERVED_PHONES.no_match }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { matched: boolean; billing: { charged_usd: number } })).toMatchObject({ matched: false, billing: { charged_usd: 0 } });
    expect(res.headers.get("payment-receipt")).toBeNull();
    expect(await usdcOf(payer.address)).toBe(5_000_000n);
  });

  it("refuses a settled credential sent again", async () => {
    const payer = await newWallet(5);
    const client = mppClient(payer);
    const first = await client.rawFetch(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }));
    const credential = await client.createCredential(first);
    const paid = await worker(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }, { authorization: credential }));
    expect(paid.status).toBe(200);
    expect(paid.headers.get("payment-receipt")).toBeTruthy();
    const replay = await worker(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }, { authorization: credential }));
    expect(replay.status).toBe(402);
    expect(((await replay.json()) as PaymentRequiredBody).api_error.code).toBe("PAYMENT_INVALID");
    expect(await usdcOf(payer.address)).toBe(5_000_000n - 330_000n);
  });

  it("refuses a challenge whose price was edited, before any work", async () => {
    const payer = await newWallet(5);
    const client = mppClient(payer);
    const first = await client.rawFetch(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }));
    const real = Credential.deserialize<Record<string, unknown>>(await client.createCredential(first));
    const cheaper = { ...real, challenge: { ...real.challenge, request: { ...real.challenge.request, amount: "1" } } };
    const res = await worker(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }, { authorization: Credential.serialize(cheaper) }));
    expect(res.status).toBe(402);
    const body = (await res.json()) as PaymentRequiredBody;
    expect(body.api_error.code).toBe("PAYMENT_INVALID");
    expect(body.api_error.message).toMatch(/not issued by this server/);
    expect(res.headers.get("www-authenticate")).toMatch(/^Payment /);
  });

  it("balance first: a funded bearer with a Payment-Authorization credential pays from the balance", async () => {
    const agent = await fundedAgent(2);
    const payer = await newWallet(5);
    const client = mppClient(payer);
    const first = await client.rawFetch(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }));
    const credential = await client.createCredential(first);
    const res = await worker(`${BASE}/api/v1/enrich/phone`, post({ phone: PHONE }, { ...agent.auth, "payment-authorization": credential }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { billing: { mode: string } }).billing.mode).toBe("virtual_balance");
    expect(res.headers.get("payment-receipt")).toBeNull();
    expect(await usdcOf(payer.address)).toBe(5_000_000n);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 1.67 });
  });
});
