// @411data/client inside workerd (a Worker calling 411data): mint with a viem key, a lookup the
// balance cannot cover paid with x402, a typed error; the client's own code with the Worker as its fetch.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ApiError, Client } from "../../packages/client/src/index.ts";
import { BASE } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";

const worker = (req: Request) => exports.default.fetch(req);

describe("@411data/client in a Worker", () => {
  it("mints, reads its balance, pays a short call with x402, and types its errors", async () => {
    const wallet = await newWallet(5);
    const client = new Client({
      baseUrl: BASE,
      fetch: worker,
      x402: { account: wallet, assets: [{ network: `eip155:${env.CHAIN_ID}`, asset: env.USDC_ADDRESS }] },
    });
    const minted = await client.mint({ account: wallet });
    expect(minted.token).toMatch(/^411_/);
    expect((await client.balance()).virtual_balance_usd).toBe(0.2);
    // $0.20 cannot cover $0.33: the balance answers 402 and the client pays it with x402.
    const paid = await client.enrich.phone({ phone: "+17242060094" });
    expect(paid.billing).toMatchObject({ mode: "x402_exact", charged_usd: 0.33 });
    const err = await client.enrich.phone({ phone: "123" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: "INVALID_PHONE", status: 400 });
  });
});
