import { type Chain, type Client, type Hex, type TransactionReceipt, type Transport, WaitForTransactionReceiptTimeoutError } from "viem";
import { getTransactionReceipt } from "viem/actions";

interface Waiter {
  resolve(receipt: TransactionReceipt): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Receipt waits for one key's transactions, answered together. A new hash is looked up at once
 * (a local node has mined it by the time the broadcast returns), together with any other hash
 * that arrived in the same tick; every hash still pending after that is asked for by one loop, all
 * in one JSON-RPC batch per polling interval (the client's transport must batch: viem's
 * `http(url, { batch: true })` sends the calls made in one tick as one request). viem's own
 * `waitForTransactionReceipt` polls the block number and the receipt once per waiting
 * transaction, so N settlements waiting on a public chain would cost 2N requests per interval.
 */
export class ReceiptBatcher {
  readonly #client: Client<Transport, Chain>;
  readonly #intervalMs: number;
  readonly #waiters = new Map<Hex, Waiter[]>();
  /** Hashes not asked about yet, looked up together at the end of the current tick. */
  readonly #fresh = new Set<Hex>();
  #looping = false;

  constructor(client: Client<Transport, Chain>, intervalMs: number) {
    this.#client = client;
    this.#intervalMs = intervalMs;
  }

  /** Resolves with the receipt (whatever its status); rejects only when `timeout` ms pass first. */
  wait({ hash, timeout }: { hash: Hex; timeout?: number }): Promise<TransactionReceipt> {
    return new Promise<TransactionReceipt>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined };
      if (timeout) {
        waiter.timer = setTimeout(() => {
          this.#drop(hash, waiter);
          reject(new WaitForTransactionReceiptTimeoutError({ hash }));
        }, timeout);
      }
      const list = this.#waiters.get(hash);
      if (list) list.push(waiter);
      else this.#waiters.set(hash, [waiter]);
      this.#fresh.add(hash);
      if (this.#fresh.size === 1) {
        queueMicrotask(() => {
          const hashes = [...this.#fresh];
          this.#fresh.clear();
          void this.#poll(hashes);
        });
      }
      if (!this.#looping) void this.#loop();
    });
  }

  async #loop(): Promise<void> {
    this.#looping = true;
    try {
      while (this.#waiters.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.#intervalMs));
        if (this.#waiters.size > 0) await this.#poll([...this.#waiters.keys()]);
      }
    } finally {
      this.#looping = false;
    }
  }

  async #poll(hashes: Hex[]): Promise<void> {
    // Issued in one tick, so the batching transport sends them as one request. A transport
    // failure or a missing receipt alike: asked again next round (the waiter's timeout bounds it).
    const receipts = await Promise.all(hashes.map((hash) => getTransactionReceipt(this.#client, { hash }).catch(() => null)));
    receipts.forEach((receipt, i) => {
      if (receipt) this.#settle(hashes[i]!, receipt);
    });
  }

  #settle(hash: Hex, receipt: TransactionReceipt): void {
    const list = this.#waiters.get(hash) ?? [];
    this.#waiters.delete(hash);
    for (const waiter of list) {
      clearTimeout(waiter.timer);
      waiter.resolve(receipt);
    }
  }

  #drop(hash: Hex, waiter: Waiter): void {
    const list = (this.#waiters.get(hash) ?? []).filter((w) => w !== waiter);
    if (list.length > 0) this.#waiters.set(hash, list);
    else this.#waiters.delete(hash);
  }
}
