import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { x402Client } from "@x402/core/client";
import { UptoEvmScheme } from "@x402/evm/upto/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import type { Address } from "viem";
import { RESERVED_PHONES } from "@411data/vendors";
import { csv, type BatchAccepted, untilEnded } from "./support/batch.ts";
import { BASE } from "./support/http.ts";
import { newWallet } from "./support/wallets.ts";
import { approvePermit2, usdcOf } from "./support/x402.ts";

// An anonymous batch paid with x402 `upto` (Permit2) on the local chain, through the SDK's own
// client: the 402 offers the batch's ceiling, the signed retry is accepted, and when the batch ends
// the matched rows' total — not the ceiling — is settled on-chain once.

const MATCH = "+17242060094";

async function uptoUpload(usd: number, file: string) {
  const account = await newWallet(usd);
  await approvePermit2(account);
  const client = new x402Client()
    .register("eip155:*", new UptoEvmScheme(account))
    .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: env.USDC_ADDRESS }] });
  const worker = async (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));
  const res = await wrapFetchWithPayment(worker, client)(`${BASE}/api/v1/batch/enrich/upload?route=enrich/phone`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: file,
  });
  if (res.status !== 202) throw new Error(`upload ${res.status}: ${await res.text()}`);
  return { account, accepted: (await res.json()) as BatchAccepted };
}

describe("x402 upto batches", () => {
  it("settles exactly the matched rows once the batch ends", async () => {
    const payTo = env.PAY_TO_ADDRESS as Address;
    const payeeBefore = await usdcOf(payTo);
    const { account, accepted } = await uptoUpload(5, csv([["contact_id", "phone"], ["a", MATCH], ["b", "+17243310917"], ["c", RESERVED_PHONES.no_match]]));
    expect(accepted).toMatchObject({ billing_mode: "x402_upto", estimate: { bill_up_to_usd: 0.99 } });
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended).toMatchObject({ status: "completed", progress: { matched: 2, no_match: 1 } });
    expect(ended.billing.charged_usd).toBeCloseTo(0.66);
    expect(ended.billing.x402_transaction).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await usdcOf(account.address)).toBe(5_000_000n - 660_000n);
    expect((await usdcOf(payTo)) - payeeBefore).toBe(660_000n);
  });

  it("settles nothing when no row matches: no transaction, the payer keeps every unit", async () => {
    const { account, accepted } = await uptoUpload(5, csv([["contact_id", "phone"], ["a", RESERVED_PHONES.no_match]]));
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended).toMatchObject({ status: "completed", billing: { charged_usd: 0, x402_transaction: null } });
    expect(await usdcOf(account.address)).toBe(5_000_000n);
  });
});
