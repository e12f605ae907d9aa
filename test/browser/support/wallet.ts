import { getAddress, type Hex, numberToHex } from "viem";
import { connectLocal, mintUsdc, usdcBalanceOf } from "../../../packages/chain/src/index.ts";
import type { PrivateKeyAccount } from "viem/accounts";
import type { Page } from "playwright-core";

// A browser wallet for tests: an EIP-1193 provider injected into the page and announced over
// EIP-6963, whose signatures are made in Node by a viem account holding a local anvil key. Reads
// go to the local chain. Nothing about the page under test is mocked.

export interface TestWallet {
  /** Every method the page asked the wallet for, in order. */
  calls: string[];
}

/** Gives a wallet TestUSDC on the local chain (a real mint by the token's owner). */
export async function fundUsdc(rpcUrl: string, usdc: string, address: string, micros: bigint): Promise<void> {
  await mintUsdc({ rpcUrl, usdc: getAddress(usdc), to: getAddress(address), amount: micros });
}

export function usdcBalance(rpcUrl: string, usdc: string, address: string): Promise<bigint> {
  return usdcBalanceOf({ rpcUrl, usdc: getAddress(usdc), address: getAddress(address) });
}

export async function receiptStatus(rpcUrl: string, tx: string): Promise<string> {
  const { publicClient } = await connectLocal(rpcUrl);
  return (await publicClient.getTransactionReceipt({ hash: tx as Hex })).status;
}

const ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Crect width='20' height='20' rx='4' fill='%230b5bd3'/%3E%3C/svg%3E";

export async function installTestWallet(page: Page, account: PrivateKeyAccount, opts: { chainId: number; rpcUrl: string }): Promise<TestWallet> {
  const wallet: TestWallet = { calls: [] };
  const chain = connectLocal(opts.rpcUrl);
  await page.exposeFunction("__testWalletRequest", async (method: string, params: unknown[]) => {
    wallet.calls.push(method);
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [account.address];
      case "eth_chainId":
        return numberToHex(opts.chainId);
      case "wallet_switchEthereumChain":
        if (Number((params[0] as { chainId: string }).chainId) !== opts.chainId) throw new Error("Unrecognized chain");
        return null;
      case "personal_sign":
        return account.signMessage({ message: { raw: params[0] as Hex } });
      case "eth_signTypedData_v4": {
        const data = JSON.parse(params[1] as string);
        const { EIP712Domain: _domain, ...types } = data.types;
        return account.signTypedData({ domain: data.domain, types, primaryType: data.primaryType, message: data.message });
      }
      default:
        return (await chain).publicClient.request({ method, params } as never);
    }
  });
  await page.addInitScript(
    ({ icon }) => {
      // Runs in the page (Playwright serializes this function); typed without the DOM library.
      const w = globalThis as unknown as {
        __testWalletRequest(m: string, p: unknown[]): Promise<unknown>;
        addEventListener(type: string, fn: () => void): void;
        dispatchEvent(event: Event): boolean;
      };
      const provider = {
        request: ({ method, params }: { method: string; params?: unknown[] }) => w.__testWalletRequest(method, params ?? []),
        on() {},
        removeListener() {},
      };
      const info = Object.freeze({ uuid: "5f1c2b9e-4d7a-4c1e-9b1a-411da7a0000e", name: "Test Wallet", icon, rdns: "dev.411data.test-wallet" });
      const announce = () =>
        w.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
      w.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { icon: ICON },
  );
  return wallet;
}
