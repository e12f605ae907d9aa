import { describe, expect, it } from "vitest";
import { numberToHex } from "viem";
import { type PrivateKeyAccount } from "viem/accounts";
import { signedRegistration } from "./support/agents.ts";
import { fetchWith } from "./support/faults.ts";
import { BASE } from "./support/http.ts";
import { newWallet, rpc, setUsdc } from "./support/wallets.ts";

// The starting credit needs the mint minimum in the wallet STARTING_CREDIT_LOOKBACK_BLOCKS before
// the mint (a historical balance read). The suites' default turns the window off; here it is on, at
// a length the local chain can be mined past in a moment.

const LOOKBACK = 200;
const withLookback = { STARTING_CREDIT_LOOKBACK_BLOCKS: String(LOOKBACK) } as unknown as Partial<Env>;

async function mint(wallet: PrivateKeyAccount, overrides: Partial<Env> = withLookback) {
  const res = await fetchWith(
    overrides,
    new Request(`${BASE}/api/v1/agents/wallet-register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(await signedRegistration(wallet)),
    }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { agent_id: string; virtual_balance_usd: number };
}

/** Lets the window pass: blocks mined with no time between them, so nobody's signature expires. */
const mineWindow = () => rpc("anvil_mine", [numberToHex(LOOKBACK + 1), "0x0"]);

describe("starting credit", () => {
  it("goes to a wallet that held $1 since before the window, once", async () => {
    const wallet = await newWallet(1);
    await mineWindow();
    expect((await mint(wallet)).virtual_balance_usd).toBe(0.2);
    // A second mint of the same wallet re-issues nothing and credits nothing.
    expect((await mint(wallet)).virtual_balance_usd).toBe(0.2);
  }, 60_000);

  it("one dollar moved to wallet after wallet mints them all, but earns no second credit", async () => {
    const first = await newWallet(1);
    await mineWindow();
    expect((await mint(first)).virtual_balance_usd).toBe(0.2);
    let holder = first;
    for (let i = 0; i < 3; i++) {
      const next = await newWallet(0);
      // The same dollar moves on (the chain's state as a transfer would leave it).
      await setUsdc(holder.address, 0);
      await setUsdc(next.address, 1_000_000);
      const minted = await mint(next);
      expect(minted.virtual_balance_usd).toBe(0);
      holder = next;
    }
  }, 60_000);

  it("on a chain younger than the window (the token not yet deployed back then) a mint works and earns nothing", async () => {
    const wallet = await newWallet(5);
    expect((await mint(wallet, { STARTING_CREDIT_LOOKBACK_BLOCKS: "10000000" } as unknown as Partial<Env>)).virtual_balance_usd).toBe(0);
  });
});
