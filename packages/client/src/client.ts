// The 411data client: one method per API operation, grouped as the API is (agent, keys, callbacks,
// deposits, requests, enrich, leads, jobs, batch, support, agent chat, discovery, wallet).
import type { LocalAccount } from "viem";
import { type Batch, BATCH_FINAL, type BatchAccepted, type BatchList, type BatchUpload } from "./batch-types.ts";
import { type ChatEvent, type ChatTurn, readChatTurn } from "./chat.ts";
import { ApiError } from "./errors.ts";
import { type CallOptions, Http } from "./http.ts";
import type { Payer, X402Options } from "./payments.ts";
import type { RetryEvent, RetryOptions } from "./retry.ts";
import type { Body, Query, Result, Schemas } from "./types.ts";

export interface ClientOptions {
  /** Default https://411data.com-style origin of your deployment; e.g. http://localhost:8787. */
  baseUrl: string;
  /** Agent bearer `411_…` or usage key `411k_…`. Without one, paid calls go straight to x402. */
  token?: string | null;
  /** Pay 402s with x402 from this wallet, under these limits; absent, a 402 is an ApiError. */
  x402?: X402Options;
  retry?: RetryOptions;
  /** One attempt's time limit in ms (default 120000). */
  timeoutMs?: number;
  /** A fetch of your own (tests, proxies); default globalThis.fetch. */
  fetch?: (req: Request) => Promise<Response>;
  onRetry?: (event: RetryEvent & { method: string; path: string }) => void;
}

export interface WaitOptions {
  /** Called after every poll with the latest state. */
  onProgress?: (state: any) => void;
  /** Poll interval in ms (default: what the server suggests, else 1000). */
  intervalMs?: number;
  /** Give up after this many ms (default 30 minutes). */
  timeoutMs?: number;
  /** The job's or batch's poll bearer, when the client has no owner bearer. */
  pollBearer?: string;
}

type Job = Schemas["EnrichJob"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const path = (template: string, id: string) => template.replace(/\{[^}]+\}/, encodeURIComponent(id));

export interface MintOptions {
  /** A 0x-prefixed private key, or a viem account. */
  privateKey?: `0x${string}`;
  account?: LocalAccount;
  /** Budget committed for x402 spending by this wallet (signed intent), in USD. */
  allowanceUsd?: number | string;
}

export interface Minted {
  agent_id: string;
  /** The bearer `411_…`; null when this wallet minted before (a re-mint refreshes the allowance only). */
  token: string | null;
  wallet: string;
  allowance_usd: number | null;
  virtual_balance_usd: number;
}

export class Client {
  readonly http: Http;
  private payerLoad: Promise<Payer> | null = null;

  readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
    const x402 = options.x402;
    this.http = new Http({
      baseUrl: options.baseUrl,
      token: options.token ?? null,
      fetch: options.fetch ?? ((req) => fetch(req)),
      retry: options.retry ?? {},
      payer: x402 ? () => (this.payerLoad ??= import("./payments.ts").then((m) => m.createPayer(x402))) : null,
      timeoutMs: options.timeoutMs ?? 120_000,
      onRetry: options.onRetry,
    });
  }

  /** micro-USD this client has signed x402 payments for (an `upto` authorisation counts at its ceiling). */
  async x402SpentMicros(): Promise<bigint> {
    return this.payerLoad ? (await this.payerLoad).spentMicros() : 0n;
  }

  /** The bearer in use (after `mint` it is the minted one). */
  get token(): string | null {
    return this.http.opts.token;
  }
  set token(value: string | null) {
    this.http.opts.token = value;
  }

  private get<T>(p: string, o?: CallOptions) {
    return this.http.call<T>("GET", p, o);
  }
  private post<T>(p: string, body: unknown, o?: CallOptions) {
    return this.http.call<T>("POST", p, { ...o, body });
  }

  /**
   * Mints (or re-mints) the agent of a wallet: SIWE sign-in plus, with `allowanceUsd`, the signed
   * budget commitment. The bearer is returned once, on the first mint, and used by this client.
   */
  async mint(opts: MintOptions): Promise<Minted> {
    const account = opts.account ?? (opts.privateKey ? (await import("./account.ts")).privateKeyToAccount(opts.privateKey) : null);
    if (!account) throw new TypeError("mint needs privateKey or account");
    const nonce = await this.wallet.nonce({
      address: account.address,
      ...(opts.allowanceUsd !== undefined ? { allowance_usd: String(opts.allowanceUsd) } : {}),
    });
    const registered = await this.wallet.register({
      siwe_message: nonce.siwe_message,
      siwe_signature: await account.signMessage({ message: nonce.siwe_message }),
      ...(nonce.allowance_intent_message
        ? {
            allowance_intent_message: nonce.allowance_intent_message,
            allowance_intent_signature: await account.signMessage({ message: nonce.allowance_intent_message }),
          }
        : {}),
    });
    if (registered.token) this.token = registered.token;
    return registered;
  }

  /** The agent behind the bearer. */
  me = () => this.get<Result<"/api/v1/agents/me", "get">>("/api/v1/agents/me");
  /** Virtual balance, holds, allowance and what was drawn against it. */
  balance = () => this.get<Result<"/api/v1/agents/balance", "get">>("/api/v1/agents/balance");

  auth = {
    /** A new bearer; the old one stops at once. The client switches to the new one. */
    rotate: async () => {
      const r = await this.post<Result<"/api/v1/agents/token/rotate">>("/api/v1/agents/token/rotate", {});
      this.token = r.token;
      return r;
    },
    /** Confirms a saved bearer is still this agent's (no rotation). */
    restore: () => this.post<Result<"/api/v1/agents/token/restore">>("/api/v1/agents/token/restore", {}),
  };

  wallet = {
    nonce: (body: Body<"/api/v1/agents/wallet-nonce">) => this.post<Result<"/api/v1/agents/wallet-nonce">>("/api/v1/agents/wallet-nonce", body, { bearer: null }),
    register: (body: Body<"/api/v1/agents/wallet-register">) =>
      this.post<Result<"/api/v1/agents/wallet-register">>("/api/v1/agents/wallet-register", body, { bearer: null }),
    recoverChallenge: (body: Body<"/api/v1/agents/wallet-recover/challenge">) =>
      this.post<Result<"/api/v1/agents/wallet-recover/challenge">>("/api/v1/agents/wallet-recover/challenge", body, { bearer: null }),
    /** Pays the $1.00 recovery fee by x402 (needs `x402`). */
    recoverComplete: (body: Body<"/api/v1/agents/wallet-recover/complete">) =>
      this.post<Result<"/api/v1/agents/wallet-recover/complete">>("/api/v1/agents/wallet-recover/complete", body, { bearer: null }),
  };

  keys = {
    /** A usage key `411k_…` with its own spend cap (and optional scope, expiry); the key is shown once. */
    create: (body: Body<"/api/v1/agents/usage-keys">) => this.post<Result<"/api/v1/agents/usage-keys">>("/api/v1/agents/usage-keys", body),
    list: () => this.get<Result<"/api/v1/agents/usage-keys", "get">>("/api/v1/agents/usage-keys"),
    revoke: (keyId: string) =>
      this.http.call<Result<"/api/v1/agents/usage-keys/{key_id}", "delete">>("DELETE", path("/api/v1/agents/usage-keys/{key_id}", keyId)),
  };

  callbacks = {
    /** Subscribes a URL to events; the signing secret is shown once. */
    create: (body: Body<"/api/v1/agents/callbacks">) => this.post<Result<"/api/v1/agents/callbacks">>("/api/v1/agents/callbacks", body),
    list: () => this.get<Result<"/api/v1/agents/callbacks", "get">>("/api/v1/agents/callbacks"),
    delete: (callbackId: string) =>
      this.http.call<Result<"/api/v1/agents/callbacks/{callback_id}", "delete">>("DELETE", path("/api/v1/agents/callbacks/{callback_id}", callbackId)),
    deliveries: (callbackId: string) =>
      this.get<Result<"/api/v1/agents/callbacks/{callback_id}/deliveries", "get">>(path("/api/v1/agents/callbacks/{callback_id}/deliveries", callbackId)),
  };

  deposits = {
    /** Tops up the virtual balance, paid by x402 from the client's wallet (needs `x402`). */
    create: (body: Body<"/api/v1/agents/deposits">) => this.post<Result<"/api/v1/agents/deposits">>("/api/v1/agents/deposits", body),
  };

  requests = {
    /** A page of this agent's stored calls; pass `next_cursor` back as `cursor` for the next. */
    list: (query: Query<"/api/v1/agents/requests"> = {}) =>
      this.get<Result<"/api/v1/agents/requests", "get">>("/api/v1/agents/requests", { query }),
  };

  enrich = {
    /** Reverse phone: the people behind a number ($0.33 on match). */
    phone: (body: Body<"/api/v1/enrich/phone">) => this.post<Result<"/api/v1/enrich/phone">>("/api/v1/enrich/phone", body),
    /** A person by name (+ city/state/address), phone or address ($0.50 on match). */
    person: (body: Body<"/api/v1/enrich/person">) => this.post<Result<"/api/v1/enrich/person">>("/api/v1/enrich/person", body),
    /** Web research on a business ($1.00 minimum on match). */
    websearch: (body: Body<"/api/v1/enrich/websearch">) => this.post<Result<"/api/v1/enrich/websearch">>("/api/v1/enrich/websearch", body),
    /** A multi-tool lead session on a CRM row ($1.50 base, trued up to `budget_usd`). */
    leadSession: (body: Body<"/api/v1/enrich/lead-session">, opts: { budgetHeaderUsd?: number | string } = {}) =>
      this.post<Result<"/api/v1/enrich/lead-session">>("/api/v1/enrich/lead-session", body, {
        headers: opts.budgetHeaderUsd !== undefined ? { "x-session-budget-usd": String(opts.budgetHeaderUsd) } : {},
      }),
    /** Catalog tier: 503 ROUTE_OFFLINE until the operator enables it. */
    email: (body: Body<"/api/v1/enrich/email">) => this.post<Result<"/api/v1/enrich/email">>("/api/v1/enrich/email", body),
    company: (body: Body<"/api/v1/enrich/company">) => this.post<Result<"/api/v1/enrich/company">>("/api/v1/enrich/company", body),
  };

  leads = {
    search: (body: Body<"/api/v1/leads/search">) => this.post<Result<"/api/v1/leads/search">>("/api/v1/leads/search", body),
  };

  support = {
    createTicket: (body: Body<"/api/v1/support/tickets">) => this.post<Result<"/api/v1/support/tickets">>("/api/v1/support/tickets", body),
    /** Your tickets, newest first: status, the operator's reply, the credit of a confirmed bug. */
    listTickets: (query: Query<"/api/v1/support/tickets"> = {}) =>
      this.get<Result<"/api/v1/support/tickets", "get">>("/api/v1/support/tickets", { query }),
    getTicket: (ticketId: string) =>
      this.get<Result<"/api/v1/support/tickets/{ticket_id}", "get">>(path("/api/v1/support/tickets/{ticket_id}", ticketId)),
  };

  /** The hosted enrich agent: chat turns on your balance, and the stored conversations. */
  agent = {
    /**
     * One turn. The server streams Server-Sent Events; this reads the whole turn and returns what
     * it said, every tool it ran (with its result and cost) and the turn's billing. `onEvent` sees
     * each event in order.
     */
    chat: async (body: Body<"/api/v1/agent/chat">, opts: { onEvent?: (event: ChatEvent) => void } = {}): Promise<ChatTurn> => {
      const raw = await this.http.call<string>("POST", "/api/v1/agent/chat", { body, text: true });
      return readChatTurn(raw, opts.onEvent);
    },
    conversations: {
      list: (query: Query<"/api/v1/agent/conversations"> = {}) =>
        this.get<Result<"/api/v1/agent/conversations", "get">>("/api/v1/agent/conversations", { query }),
      get: (conversationId: string) =>
        this.get<Result<"/api/v1/agent/conversations/{conversation_id}", "get">>(path("/api/v1/agent/conversations/{conversation_id}", conversationId)),
      delete: (conversationId: string) =>
        this.http.call<Result<"/api/v1/agent/conversations/{conversation_id}", "delete">>(
          "DELETE",
          path("/api/v1/agent/conversations/{conversation_id}", conversationId),
        ),
    },
  };

  jobs = {
    /** Queues a websearch or lead session; the ceiling is held (or authorised with x402 `upto`). */
    submit: (body: Body<"/api/v1/enrich/jobs">) => this.post<Result<"/api/v1/enrich/jobs">>("/api/v1/enrich/jobs", body),
    get: (jobId: string, opts: { pollBearer?: string } = {}) =>
      this.get<Job>(path("/api/v1/enrich/jobs/{job_id}", jobId), opts.pollBearer ? { bearer: opts.pollBearer } : {}),
    /** Polls until the job completes (resolves with it) or fails (ApiError with the job's error code). */
    wait: async (jobId: string, opts: WaitOptions = {}): Promise<Job> => {
      const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
      for (;;) {
        const job = await this.jobs.get(jobId, opts);
        opts.onProgress?.(job);
        if (job.status === "completed") return job;
        if (job.status === "failed") {
          throw new ApiError(job.error?.code ?? "JOB_FAILED", job.error?.message ?? `job ${jobId} failed`, { details: job, body: job });
        }
        if (Date.now() > deadline) throw new ApiError("WAIT_TIMEOUT", `job ${jobId} still ${job.status}`, { details: job });
        await sleep(opts.intervalMs ?? job.poll_interval_sec * 1000);
      }
    },
  };

  batch = {
    /** Uploads a CSV (≤ 10,000 rows): one job per unique row on the queue; 202 with counts and an estimate. */
    upload: (upload: BatchUpload) => {
      const form = new FormData();
      const file = upload.csv instanceof Blob ? upload.csv : new Blob([upload.csv as string], { type: "text/csv" });
      form.set("file", file, upload.filename ?? "batch.csv");
      if (upload.route) form.set("route", upload.route);
      if (upload.mapping) form.set("mapping", JSON.stringify(upload.mapping));
      if (upload.bill_up_to_usd !== undefined) form.set("bill_up_to_usd", String(upload.bill_up_to_usd));
      if (upload.callback_url) form.set("callback_url", upload.callback_url);
      return this.post<BatchAccepted>("/api/v1/batch/enrich/upload", form);
    },
    get: (batchId: string, opts: { pollBearer?: string } = {}) =>
      this.get<Batch>(path("/api/v1/batch/{batch_id}", batchId), opts.pollBearer ? { bearer: opts.pollBearer } : {}),
    /** The agent's batches, newest first. */
    list: (query: { limit?: number; cursor?: string } = {}) => this.get<BatchList>("/api/v1/batch", { query }),
    /** Polls until the batch is completed or cancelled; resolves with its last state. */
    wait: async (batchId: string, opts: WaitOptions = {}): Promise<Batch> => {
      const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
      for (;;) {
        const progress = await this.batch.get(batchId, opts);
        opts.onProgress?.(progress);
        if (BATCH_FINAL.has(progress.status)) return progress;
        if (Date.now() > deadline) throw new ApiError("WAIT_TIMEOUT", `batch ${batchId} still ${progress.status}`, { details: progress });
        await sleep(opts.intervalMs ?? progress.poll_interval_sec * 1000);
      }
    },
    /** Results as CSV (input columns, result columns, per-row cost and error) or JSON Lines. */
    results: (batchId: string, opts: { format?: "csv" | "jsonl"; pollBearer?: string } = {}) =>
      this.get<string>(`${path("/api/v1/batch/{batch_id}", batchId)}/results.${opts.format ?? "csv"}`, {
        text: true,
        ...(opts.pollBearer ? { bearer: opts.pollBearer } : {}),
      }),
    /** Stops the batch: rows not started are never billed. */
    cancel: (batchId: string, opts: { pollBearer?: string } = {}) =>
      this.http.call<Batch>("POST", `${path("/api/v1/batch/{batch_id}", batchId)}/cancel`, opts.pollBearer ? { bearer: opts.pollBearer } : {}),
  };

  discovery = {
    health: () => this.get<Result<"/healthz", "get">>("/healthz"),
    pricing: () => this.get<Result<"/pricing", "get">>("/pricing"),
    resources: () => this.get<Result<"/discovery/resources", "get">>("/discovery/resources"),
    x402: () => this.get<Result<"/.well-known/x402", "get">>("/.well-known/x402"),
    skill: () => this.get<string>("/skill.md", { text: true }),
    llms: () => this.get<string>("/llms.txt", { text: true }),
  };
}

/** A client; `new Client(options)` is the same. */
export function createClient(options: ClientOptions): Client {
  return new Client(options);
}

/** Mints an agent for a wallet and returns it with its bearer (first mint) — see Client.mint. */
export async function mint(opts: MintOptions & Omit<ClientOptions, "token">): Promise<Minted> {
  return new Client(opts).mint(opts);
}
