import { type Hex, numberToHex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import type { Page } from "playwright-core";

// A browser wallet for tests: an EIP-1193 provider injected into the page and announced over
// EIP-6963, whose signatures are made in Node by a viem account holding a local anvil key. Reads
// go to the local chain. Nothing about the page under test is mocked.

export interface TestWallet {
  /** Every method the page asked the wallet for, in order. */
  calls: string[];
}

async function rpc(rpcUrl: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Sets a wallet's TestUSDC balance on the local chain (anvil cheat). */
export async function dealUsdc(rpcUrl: string, usdc: string, address: string, micros: bigint): Promise<void> {
  await rpc(rpcUrl, "anvil_dealERC20", [address, usdc, numberToHex(micros)]);
}

export async function usdcBalance(rpcUrl: string, usdc: string, address: string): Promise<bigint> {
  const data = `0x70a08231${address.slice(2).toLowerCase().padStart(64, "0")}`;
  return BigInt((await rpc(rpcUrl, "eth_call", [{ to: usdc, data }, "latest"])) as string);
}

export async function receiptStatus(rpcUrl: string, tx: string): Promise<string | undefined> {
  return ((await rpc(rpcUrl, "eth_getTransactionReceipt", [tx])) as { status?: string } | null)?.status;
}

const ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Crect width='20' height='20' rx='4' fill='%230b5bd3'/%3E%3C/svg%3E";

export async function installTestWallet(page: Page, account: PrivateKeyAccount, opts: { chainId: number; rpcUrl: string }): Promise<TestWallet> {
  const wallet: TestWallet = { calls: [] };
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
        return rpc(opts.rpcUrl, method, params);
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
