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
type Prepared = Awaited<ReturnType<typeof prepareTransactionRequest>>;

// The same bytes are sent again after a transport failure: idempotent, one hash, one nonce.
const BROADCAST_ATTEMPTS = 3;
// A refusal for a stale nonce (another sender used this key) is retried with a fresh one.
const STALE_NONCE_ATTEMPTS = 3;
// A plain transfer's gas: what a nonce-gap filler (0 ETH to ourselves) costs.
const TRANSFER_GAS = 21_000n;
// How soon a broadcast of unknown outcome goes out again when no other transaction carries it.
const RESEND_INTERVAL_MS = 1_000;

/**
 * One key's transactions, pipelined. Gas and fees are worked out concurrently, and a call that
 * would revert is refused there, before it takes a nonce. Nonces are handed out here, one per
 * transaction, in memory; signed transactions are then broadcast concurrently (a node queues a
 * nonce that arrives before its predecessor) and each caller waits for its own receipt.
 *
 * Failures leave no gap that would hold later transactions back:
 * - the node refuses a nonce as used (another sender has this key): a fresh nonce, sent again;
 * - the node refuses the transaction for another reason: its nonce is taken back if nothing
 *   followed it, else a 0-ETH transfer to ourselves fills it;
 * - the broadcast's outcome is unknown (transport failure): the nonce stays taken and the same
 *   bytes go out again with the next transaction, or within a second if none comes, until the
 *   node answers (BroadcastUnknown names the hash).
 *
 * viem's own nonce manager is not used: it takes the nonce before estimating gas and, on any
 * error, forgets every nonce it handed out and asks the node again, so a refused payment in a
 * concurrent wave can hand a nonce still in flight to a second transaction.
 */
export class NonceSender {
  readonly #client: Client<Transport, Chain, LocalAccount>;
  /** Serializes nonce bookkeeping (the only part that may wait for the node: the first count). */
  #queue: Promise<unknown> = Promise.resolve();
  /** The nonce the next transaction takes; undefined until the node has been asked. */
  #next: number | undefined;
  /** Transactions whose broadcast outcome is unknown, by hash: sent again with the next one. */
  readonly #unsure = new Map<Hex, { signed: Hex; nonce: number; prepared: Prepared }>();
  #resending = false;
  #resendTimer: ReturnType<typeof setTimeout> | undefined;

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
    // Estimation is the slow part and the one that refuses (reverts): before any nonce is taken.
    const prepared = await prepareTransactionRequest(this.#client, {
      account,
      chain: this.#client.chain,
      to: args.to,
      ...(args.data ? { data: args.data } : {}),
      ...(args.value !== undefined ? { value: args.value } : {}),
      parameters: ["chainId", "fees", "gas", "type"],
    });
    void this.#resendUnsure();
    for (let attempt = 1; ; attempt++) {
      const nonce = await this.#take();
      const { signed, hash } = await this.#sign(prepared, nonce);
      const outcome = await this.#broadcast(signed, hash);
      if (outcome.kind === "accepted") return hash;
      if (outcome.kind === "unknown") {
        this.#remember(hash, { signed, nonce, prepared });
        throw new BroadcastUnknown(hash, { cause: outcome.error });
      }
      if (outcome.stale) {
        // Someone else used this nonce (no gap): catch up with the node and sign again.
        await this.#catchUp();
        if (attempt < STALE_NONCE_ATTEMPTS) continue;
        throw outcome.error;
      }
      await this.#giveBack(nonce, prepared);
      throw outcome.error;
    }
  }

  #serial<T>(step: () => Promise<T> | T): Promise<T> {
    const run = this.#queue.then(step);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #take(): Promise<number> {
    return this.#serial(async () => {
      this.#next ??= await this.#pendingCount();
      return this.#next++;
    });
  }

  #catchUp(): Promise<void> {
    return this.#serial(async () => {
      // Never backwards: our own later transactions may be queued at the node, not yet counted.
      this.#next = Math.max(this.#next ?? 0, await this.#pendingCount());
    });
  }

  /** A refused transaction's nonce: reused if nothing followed it, else filled so nothing waits on it. */
  async #giveBack(nonce: number, prepared: Prepared): Promise<void> {
    const followed = await this.#serial(() => {
      if (this.#next !== nonce + 1) return true;
      this.#next = nonce;
      return false;
    });
    if (followed) await this.#fill(nonce, prepared);
  }

  async #fill(nonce: number, prepared: Prepared): Promise<void> {
    const filler = { ...prepared, to: this.#client.account.address, data: undefined, value: 0n, gas: TRANSFER_GAS } as Prepared;
    const { signed, hash } = await this.#sign(filler, nonce);
    const outcome = await this.#broadcast(signed, hash);
    if (outcome.kind === "unknown") this.#remember(hash, { signed, nonce, prepared: filler });
  }

  async #sign(prepared: Prepared, nonce: number): Promise<{ signed: Hex; hash: Hex }> {
    const signed = await this.#client.account.signTransaction({ ...prepared, nonce } as Parameters<LocalAccount["signTransaction"]>[0]);
    return { signed, hash: keccak256(signed) };
  }

  #pendingCount(): Promise<number> {
    return getTransactionCount(this.#client, { address: this.#client.account.address, blockTag: "pending" });
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
        if (/nonce too low|nonce.*already|replacement transaction underpriced/i.test(message)) {
          // Either an earlier attempt of these very bytes got through, or another sender took the nonce.
          if (await this.#known(hash)) return { kind: "accepted" };
          return { kind: "refused", error, stale: true };
        }
        return { kind: "refused", error, stale: false };
      }
    }
    return { kind: "unknown", error: lost };
  }

  /** Later nonces wait at the node behind this one: it goes out again soon, whatever else happens. */
  #remember(hash: Hex, unsure: { signed: Hex; nonce: number; prepared: Prepared }): void {
    this.#unsure.set(hash, unsure);
    this.#scheduleResend();
  }

  #scheduleResend(): void {
    if (this.#resendTimer !== undefined || this.#unsure.size === 0) return;
    this.#resendTimer = setTimeout(() => {
      this.#resendTimer = undefined;
      void this.#resendUnsure().finally(() => this.#scheduleResend());
    }, RESEND_INTERVAL_MS);
  }

  async #resendUnsure(): Promise<void> {
    if (this.#resending || this.#unsure.size === 0) return;
    this.#resending = true;
    try {
      for (const [hash, { signed, nonce, prepared }] of this.#unsure) {
        const outcome = await this.#broadcast(signed, hash);
        if (outcome.kind === "unknown") continue;
        this.#unsure.delete(hash);
        // Refused for good (its payment was reported as indeterminate and never lands): fill its nonce.
        if (outcome.kind === "refused" && !outcome.stale) await this.#fill(nonce, prepared);
      }
    } finally {
      this.#resending = false;
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
