import {
  type Abi,
  type Address,
  BaseError,
  type Chain,
  type Client,
  concat,
  encodeFunctionData,
  getContractError,
  type Hex,
  HttpRequestError,
  keccak256,
  type LocalAccount,
  RpcRequestError,
  TimeoutError,
  type Transport,
} from "viem";
import { getTransaction, getTransactionCount, prepareTransactionRequest } from "viem/actions";

/**
 * The node may or may not have taken a signed transaction (the connection failed mid-request). Its
 * nonce stays taken and its bytes are sent again before the next transaction, so the payment it
 * carries may still land: the caller must treat the settlement as indeterminate, naming the hash.
 */
export class BroadcastUnknown extends Error {
  override name = "BroadcastUnknown";
  readonly transaction: Hex;
  constructor(transaction: Hex, options?: { cause?: unknown }) {
    super(`transaction ${transaction} was signed and sent, but whether the node took it is unknown`, options);
    this.transaction = transaction;
  }
}

export interface WriteContractArgs {
  address: Address;
  abi: readonly unknown[];
  functionName: string;
  args: readonly unknown[];
  dataSuffix?: Hex;
}

export interface SendTransactionArgs {
  to: Address;
  data?: Hex;
  value?: bigint;
}

type Outcome = { kind: "accepted" } | { kind: "unknown"; error: unknown } | { kind: "refused"; error: unknown; stale: boolean };

// The same bytes are sent again after a transport failure: idempotent, one hash, one nonce.
const BROADCAST_ATTEMPTS = 3;
// A refusal for a stale nonce (another sender used this key) is retried with a fresh one.
const STALE_NONCE_ATTEMPTS = 3;

/**
 * One key's transactions, pipelined: gas and fees are worked out concurrently (a call that would
 * revert is refused there, before it takes a nonce), then nonce assignment, signing and broadcast
 * happen one at a time in this object, and the caller waits for its receipt on its own. So the
 * next transaction leaves as soon as the node has taken the previous one, not when it is mined.
 *
 * viem's own nonce manager is not used: it takes the nonce before estimating gas and, on any
 * error, forgets every nonce it handed out and asks the node again, so a refused payment in a
 * concurrent wave can hand a nonce still in flight to a second transaction.
 */
export class NonceSender {
  readonly #client: Client<Transport, Chain, LocalAccount>;
  #queue: Promise<unknown> = Promise.resolve();
  /** The nonce the next broadcast takes; undefined: ask the node (first use, or after a refusal). */
  #next: number | undefined;
  /** Signed transactions whose broadcast outcome is unknown, by hash: sent again before the next one. */
  readonly #unsure = new Map<Hex, Hex>();

  constructor(client: Client<Transport, Chain, LocalAccount>) {
    this.#client = client;
  }

  /** viem's `writeContract`, with the same errors (a revert is a ContractFunctionExecutionError). */
  async writeContract(args: WriteContractArgs): Promise<Hex> {
    const { address, abi, functionName, dataSuffix } = args;
    const data = encodeFunctionData({ abi: abi as Abi, functionName, args: args.args });
    try {
      return await this.sendTransaction({ to: address, data: dataSuffix ? concat([data, dataSuffix]) : data });
    } catch (error) {
      if (error instanceof BroadcastUnknown || !(error instanceof BaseError)) throw error;
      throw getContractError(error, { abi: abi as Abi, address, args: args.args, functionName, sender: this.#client.account.address });
    }
  }

  async sendTransaction(args: SendTransactionArgs): Promise<Hex> {
    const account = this.#client.account;
    // Outside the queue: estimation is the slow part and the one that refuses (reverts).
    const prepared = await prepareTransactionRequest(this.#client, {
      account,
      chain: this.#client.chain,
      to: args.to,
      ...(args.data ? { data: args.data } : {}),
      ...(args.value !== undefined ? { value: args.value } : {}),
      parameters: ["chainId", "fees", "gas", "type"],
    });
    const run = this.#queue.then(async () => {
      await this.#resendUnsure();
      for (let attempt = 1; ; attempt++) {
        const nonce = this.#next ?? (await getTransactionCount(this.#client, { address: account.address, blockTag: "pending" }));
        const signed = await account.signTransaction({ ...prepared, nonce } as Parameters<LocalAccount["signTransaction"]>[0]);
        const hash = keccak256(signed);
        const outcome = await this.#broadcast(signed, hash);
        if (outcome.kind === "accepted") {
          this.#next = nonce + 1;
          return hash;
        }
        if (outcome.kind === "unknown") {
          this.#next = nonce + 1;
          this.#unsure.set(hash, signed);
          throw new BroadcastUnknown(hash, { cause: outcome.error });
        }
        // Refused: the nonce was not used. Ask the node for the next one rather than trust ours.
        this.#next = undefined;
        if (!outcome.stale || attempt >= STALE_NONCE_ATTEMPTS) throw outcome.error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** How many broadcasts are still of unknown outcome (they go out again before the next send). */
  get unsure(): number {
    return this.#unsure.size;
  }

  async #broadcast(signed: Hex, hash: Hex): Promise<Outcome> {
    let lost: unknown;
    for (let i = 0; i < BROADCAST_ATTEMPTS; i++) {
      try {
        // No transport retries: a retry here must be the same bytes, and a refusal must be seen as one.
        await this.#client.request({ method: "eth_sendRawTransaction", params: [signed] }, { retryCount: 0 });
        return { kind: "accepted" };
      } catch (error) {
        if (!answeredByNode(error)) {
          lost = error;
          continue;
        }
        const message = errorText(error);
        if (/already known|already imported|known transaction/i.test(message)) return { kind: "accepted" };
        if (/nonce too low|nonce.*already|replacement transaction underpriced|underpriced/i.test(message)) {
          // Either an earlier attempt of these very bytes got through, or another sender took the nonce.
          if (await this.#known(hash)) return { kind: "accepted" };
          return { kind: "refused", error, stale: true };
        }
        return { kind: "refused", error, stale: false };
      }
    }
    return { kind: "unknown", error: lost };
  }

  async #resendUnsure(): Promise<void> {
    for (const [hash, signed] of this.#unsure) {
      const outcome = await this.#broadcast(signed, hash);
      if (outcome.kind === "unknown") continue;
      this.#unsure.delete(hash);
      // Refused for good: its nonce is free again, and the node says which one is next.
      if (outcome.kind === "refused") this.#next = undefined;
    }
  }

  async #known(hash: Hex): Promise<boolean> {
    try {
      await getTransaction(this.#client, { hash });
      return true;
    } catch {
      return false;
    }
  }
}

/** The node answered (a JSON-RPC error); anything else is a transport failure whose effect is unknown. */
function answeredByNode(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) return false;
  return Boolean(error.walk((e) => e instanceof RpcRequestError));
}

function errorText(error: unknown): string {
  if (!(error instanceof BaseError)) return String(error);
  return [error.shortMessage, error.details, error.message].join(" ");
}
