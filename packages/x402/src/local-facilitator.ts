import { x402Facilitator } from "@x402/core/facilitator";
import type {
  Network,
  PaymentPayload,
  PaymentRequirements,
  SettleResponse,
  SupportedResponse,
  VerifyResponse,
} from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/facilitator";
import { UptoEvmScheme } from "@x402/evm/upto/facilitator";
import { AsyncLocalStorage } from "node:async_hooks";
import { createClient, createWalletClient, defineChain, http, publicActions, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { FacilitatorUnavailable, REASON } from "./errors.ts";
import type { Facilitator } from "./facilitator.ts";
import { BroadcastUnknown, NonceSender } from "./nonce-sender.ts";
import { ReceiptBatcher } from "./receipt-batcher.ts";

export interface LocalFacilitatorOptions {
  rpcUrl: string;
  chainId: number;
  /** Pays gas for settlements; needs ETH, never USDC. */
  privateKey: Hex;
  /** Defaults to `eip155:<chainId>`. */
  network?: Network;
  /** How often viem polls for receipts; a local node mines at once, a public chain does not. */
  pollingIntervalMs?: number;
  /** Bound on a receipt wait; past it, settle reports `settlement_pending` with the hash. */
  confirmationTimeoutMs?: number;
  /** viem's retries per RPC call (default 3); each failed call costs the whole backoff. */
  rpcRetryCount?: number;
  /** For viem's transport (a service binding, a test double). */
  fetch?: typeof fetch;
}

/** What one verify or settle saw: RPC calls that failed in transport, the transaction it sent. */
interface Attempt {
  transportFailures: number;
  transaction?: Hex;
  /** eth_getCode answers by address: @x402/evm asks for the payer's code twice per verify and per settle. */
  codes: Map<string, Promise<Hex | undefined>>;
}

// Verifies and settles overlap, so what the chain did during one of them is kept per call, not per
// instance: a blip in one payment's RPC must not turn another payment's refusal into "unavailable".
const attempts = new AsyncLocalStorage<Attempt>();

/**
 * The SDK's own facilitator (`x402Facilitator` + @x402/evm schemes) in process, with a viem wallet
 * on the given chain: the same verify/settle code a hosted facilitator runs, with no HTTP hop.
 *
 * `upto` is registered too, and `/supported` advertises this key's address as the upto facilitator.
 * It settles through Permit2 and x402UptoPermit2Proxy at their canonical addresses: the real ones on
 * Base and other public chains, and on a local chain the project's own stand-ins that
 * @411data/chain's setupLocalChain installs there (on a chain without them, verify refuses).
 */
export class LocalFacilitator implements Facilitator {
  readonly network: Network;
  readonly address: Address;
  readonly #facilitator: x402Facilitator;
  // One key, one nonce sequence: this instance assigns the nonces and sends one transaction at a
  // time, and receipt waits overlap. Across isolates, keep the instance in one DO (the Settler).
  readonly #sender: NonceSender;
  readonly #receipts: ReceiptBatcher;

  constructor(options: LocalFacilitatorOptions) {
    this.network = options.network ?? `eip155:${options.chainId}`;
    const account = privateKeyToAccount(options.privateKey);
    this.address = account.address;
    const chain = defineChain({
      id: options.chainId,
      name: this.network,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [options.rpcUrl] } },
    });
    const baseFetch = options.fetch ?? ((input: string | URL | Request, init?: RequestInit) => fetch(input, init));
    // @x402/evm 2.27 turns an unreachable RPC into a payer-side refusal (`invalid_exact_evm_signature`)
    // and leaves a rejected promise behind. Counting transport failures lets us tell "the payment is
    // bad" from "we could not ask the chain" and answer the latter as FacilitatorUnavailable.
    const countingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      try {
        const response = await baseFetch(input, init);
        // JSON-RPC errors (reverts) arrive as 200; a non-2xx is the node or a proxy failing.
        if (!response.ok) countFailure();
        return response;
      } catch (error) {
        countFailure();
        throw error;
      }
    };
    const pollingInterval = options.pollingIntervalMs ?? 250;
    const wallet = createWalletClient({
      account,
      chain,
      transport: http(options.rpcUrl, {
        fetchFn: countingFetch,
        ...(options.rpcRetryCount !== undefined ? { retryCount: options.rpcRetryCount } : {}),
      }),
      pollingInterval,
    }).extend(publicActions);
    this.#sender = new NonceSender(wallet);
    // Its own batching transport; a failed poll is asked again and blames no payment (the wait's
    // timeout ends in `settlement_pending` with the hash, which settle reports as indeterminate).
    this.#receipts = new ReceiptBatcher(
      createClient({ chain, transport: http(options.rpcUrl, { fetchFn: baseFetch, batch: true, retryCount: 0 }) }),
      pollingInterval,
    );
    const sent = (hash: Hex): Hex => {
      const attempt = attempts.getStore();
      if (attempt) attempt.transaction = hash;
      return hash;
    };
    const sending = async (send: Promise<Hex>): Promise<Hex> => {
      try {
        return sent(await send);
      } catch (error) {
        if (error instanceof BroadcastUnknown) sent(error.transaction);
        throw error;
      }
    };
    // Spelled out because viem's overloaded parameter types are narrower than x402's signer interface.
    const signer = toFacilitatorEvmSigner(
      {
        address: account.address,
        readContract: (args) => wallet.readContract(args as Parameters<typeof wallet.readContract>[0]),
        verifyTypedData: (args) => wallet.verifyTypedData(args as Parameters<typeof wallet.verifyTypedData>[0]),
        writeContract: (args) => sending(this.#sender.writeContract(args)),
        sendTransaction: (args) => sending(this.#sender.sendTransaction(args)),
        waitForTransactionReceipt: (args) => this.#receipts.wait(args),
        // Never rejects: the SDK starts this check and may abandon it, and an abandoned rejection
        // is an unhandled one. "No code" can only make verify refuse, and the failure is counted.
        getCode: (args) => {
          const codes = attempts.getStore()?.codes;
          const key = args.address.toLowerCase();
          let code = codes?.get(key);
          if (!code) {
            code = wallet.getCode(args).catch(() => undefined);
            codes?.set(key, code);
          }
          return code;
        },
      },
      options.confirmationTimeoutMs ? { confirmationTimeoutMs: options.confirmationTimeoutMs } : {},
    );
    this.#facilitator = new x402Facilitator()
      .register(this.network, new ExactEvmScheme(signer))
      .register(this.network, new UptoEvmScheme(signer));
  }

  async verify(payload: PaymentPayload, requirements: PaymentRequirements): Promise<VerifyResponse> {
    const { result, attempt } = await observed("verify", () => this.#facilitator.verify(payload, requirements));
    // Any verdict reached while the chain was unreachable is not a verdict on the payment.
    if (attempt.transportFailures > 0) {
      throw new FacilitatorUnavailable("verify", `local facilitator could not reach the chain (verify said ${result.invalidReason ?? "valid"})`);
    }
    return result;
  }

  /**
   * Concurrent calls overlap: each waits for its own receipt while later ones are already sent.
   * A transfer that was sent and is not confirmed (the chain went away, the wait timed out) is a
   * FacilitatorUnavailable naming its transaction, never a refusal: it may still land.
   */
  async settle(payload: PaymentPayload, requirements: PaymentRequirements): Promise<SettleResponse> {
    const { result, attempt } = await observed("settle", () => this.#facilitator.settle(payload, requirements));
    if (result.success) return result;
    const transaction = attempt.transaction ?? (result.transaction || undefined);
    if (result.errorReason === REASON.settlementPending) {
      throw new FacilitatorUnavailable("settle", `settlement ${transaction ?? "(no hash)"} was sent but is not confirmed yet`, transaction ? { transaction } : {});
    }
    // A confirmed transfer stands whatever blipped on the way; a failure during an outage is
    // indeterminate (the transaction may have been broadcast).
    if (attempt.transportFailures > 0) {
      throw new FacilitatorUnavailable("settle", `local facilitator lost the chain during settle (${result.errorReason ?? "no reason"})`, transaction ? { transaction } : {});
    }
    return result;
  }

  async supported(): Promise<SupportedResponse> {
    return this.#facilitator.getSupported() as SupportedResponse;
  }
}

/** Runs one SDK call with its own Attempt; a throw is a FacilitatorUnavailable naming any transaction sent. */
async function observed<T>(operation: "verify" | "settle", run: () => Promise<T>): Promise<{ result: T; attempt: Attempt }> {
  const attempt: Attempt = { transportFailures: 0, codes: new Map() };
  try {
    return { result: await attempts.run(attempt, run), attempt };
  } catch (error) {
    throw wrap(operation, error, attempt.transaction);
  }
}

// The SDK throws for transport failures (RPC down, timeouts) and for schemes it does not know;
// refusals come back as values. Either way nothing we can show the payer as their fault.
function wrap(operation: "verify" | "settle", error: unknown, transaction?: Hex): FacilitatorUnavailable {
  const message = error instanceof Error ? error.message : String(error);
  return new FacilitatorUnavailable(operation, `local facilitator ${operation} failed: ${message.split("\n")[0]}`, {
    cause: error,
    ...(transaction ? { transaction } : {}),
  });
}

function countFailure(): void {
  const attempt = attempts.getStore();
  if (attempt) attempt.transportFailures++;
}
