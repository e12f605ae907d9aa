// Browser wallets through EIP-1193 directly (no viem in the page): EIP-6963 discovery with a
// fallback to the legacy `window.ethereum`, accounts, chain, personal_sign and typed data.

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export interface FoundWallet {
  info: WalletInfo;
  provider: Eip1193Provider;
}

const isProvider = (p: unknown): p is Eip1193Provider => typeof (p as Eip1193Provider | undefined)?.request === "function";

/** Calls `onFound` once per wallet that announces itself (now or later). */
export function discoverWallets(onFound: (wallet: FoundWallet) => void): void {
  const seen = new Set<string>();
  window.addEventListener("eip6963:announceProvider", (event) => {
    const detail = (event as CustomEvent<FoundWallet>).detail;
    if (!detail || !isProvider(detail.provider) || typeof detail.info?.uuid !== "string" || seen.has(detail.info.uuid)) return;
    seen.add(detail.info.uuid);
    onFound({ info: detail.info, provider: detail.provider });
  });
  window.dispatchEvent(new Event("eip6963:requestProvider"));
}

/** A wallet that injects only `window.ethereum` (no EIP-6963). */
export function legacyWallet(): FoundWallet | null {
  const injected = (window as unknown as { ethereum?: unknown }).ethereum;
  if (!isProvider(injected)) return null;
  return { info: { uuid: "window.ethereum", name: "Browser wallet", icon: "", rdns: "" }, provider: injected };
}

function utf8Hex(text: string): string {
  return `0x${[...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class WalletError extends Error {
  constructor(
    message: string,
    readonly rejected: boolean,
  ) {
    super(message);
  }
}

/** Wallet errors in words: a user rejection (EIP-1193 code 4001) is not a failure of the site. */
function walletError(err: unknown): WalletError {
  const e = err as { code?: number; message?: string };
  if (e?.code === 4001) return new WalletError("You declined the request in your wallet; nothing was signed or sent.", true);
  if (e?.code === 4902) return new WalletError("Your wallet does not know this chain yet: add it in the wallet, then try again.", false);
  return new WalletError(`Your wallet answered: ${e?.message ?? String(err)}`, false);
}

export class ConnectedWallet {
  private constructor(
    readonly found: FoundWallet,
    readonly address: string,
  ) {}

  static async connect(found: FoundWallet): Promise<ConnectedWallet> {
    try {
      const accounts = (await found.provider.request({ method: "eth_requestAccounts" })) as string[];
      const address = accounts?.[0];
      if (!address) throw new WalletError("The wallet shared no account. Unlock it and try again.", false);
      return new ConnectedWallet(found, address);
    } catch (err) {
      throw err instanceof WalletError ? err : walletError(err);
    }
  }

  private async request(method: string, params: unknown[]): Promise<unknown> {
    try {
      return await this.found.provider.request({ method, params });
    } catch (err) {
      throw walletError(err);
    }
  }

  /** EIP-191 personal_sign of a UTF-8 message (the SIWE message, the budget commitment). */
  async personalSign(message: string): Promise<string> {
    return (await this.request("personal_sign", [utf8Hex(message), this.address])) as string;
  }

  /** Asks the wallet to switch to `chainId` when it is on another chain. */
  async ensureChain(chainId: number): Promise<void> {
    const current = Number.parseInt(String(await this.request("eth_chainId", [])), 16);
    if (current === chainId) return;
    await this.request("wallet_switchEthereumChain", [{ chainId: `0x${chainId.toString(16)}` }]);
  }

  /** EIP-712 typed data, v4 (JSON string with EIP712Domain in `types`). */
  async signTypedData(data: unknown): Promise<string> {
    return (await this.request("eth_signTypedData_v4", [this.address, JSON.stringify(data)])) as string;
  }
}
