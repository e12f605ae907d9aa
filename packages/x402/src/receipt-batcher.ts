import { type Chain, type Client, type Hex, type TransactionReceipt, type Transport, WaitForTransactionReceiptTimeoutError } from "viem";
import { getTransactionReceipt } from "viem/actions";

interface Waiter {
  resolve(receipt: TransactionReceipt): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Receipt waits for one key's transactions, answered together: one loop asks for every pending
 * hash in one JSON-RPC batch (the client's transport must batch: viem's `http(url, { batch: true })`
 * sends the calls made in one tick as one request), then sleeps a polling interval, or less when a
 * new hash arrives. viem's `waitForTransactionReceipt` would instead poll the block number and the
 * receipt once per waiting transaction, so N settlements in flight cost N requests per interval.
 */
export class ReceiptBatcher {
  readonly #client: Client<Transport, Chain>;
  readonly #intervalMs: number;
  readonly #waiters = new Map<Hex, Waiter[]>();
  /** Hashes not asked about yet: the loop asks at once rather than after the interval. */
  readonly #fresh = new Set<Hex>();
  #running = false;
  #wake: (() => void) | undefined;
  #polls = 0;

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
      this.#wake?.();
      if (!this.#running) void this.#loop();
    });
  }

  /** How many batch requests the loop has made (each asks for every hash pending at the time). */
  get polls(): number {
    return this.#polls;
  }

  async #loop(): Promise<void> {
    this.#running = true;
    try {
      while (this.#waiters.size > 0) {
        const hashes = [...this.#waiters.keys()];
        this.#fresh.clear();
        this.#polls++;
        // Issued in one tick, so the batching transport sends them as one request. A transport
        // failure or a missing receipt alike: ask again next round (the waiter's timeout bounds it).
        const receipts = await Promise.all(hashes.map((hash) => getTransactionReceipt(this.#client, { hash }).catch(() => null)));
        receipts.forEach((receipt, i) => {
          if (receipt) this.#settle(hashes[i]!, receipt);
        });
        if (this.#waiters.size > 0 && this.#fresh.size === 0) await this.#sleep();
      }
    } finally {
      this.#running = false;
    }
  }

  #sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.#intervalMs);
      this.#wake = done;
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
