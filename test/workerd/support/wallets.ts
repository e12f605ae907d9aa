import { env } from "cloudflare:workers";
import { type Hex, numberToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { TEST_USDC_ADDRESS } from "../../../packages/chain/src/constants.ts";

/** One JSON-RPC call to the test chain (anvil cheats included). */
export async function rpc(method: string, params: unknown[]) {
  const res = await fetch(env.CHAIN_RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Sets a wallet's TestUSDC balance directly on the local chain (anvil cheat: no transaction, no nonce race). */
export async function setUsdc(address: Hex, micros: number) {
  await rpc("anvil_dealERC20", [address, TEST_USDC_ADDRESS, numberToHex(BigInt(micros))]);
}

/** A brand-new wallet holding `usd` TestUSDC. */
export async function newWallet(usd = 5): Promise<PrivateKeyAccount> {
  const account = privateKeyToAccount(generatePrivateKey());
  if (usd > 0) await setUsdc(account.address, Math.round(usd * 1_000_000));
  return account;
}
