import { sha256Hex } from "@411data/core";

// Every call is stored: the request as it arrived (secrets hashed), the response as it left,
// and what billing did. Rows are written after the response, in batches (logRequest), kept alive by
// waitUntil so a client that hangs up cannot drop them; a batch D1 refuses is handed to the queue,
// whose consumer retries each row.

export interface RequestLogRow {
  id: string;
  created_at: string;
  method: string;
  path: string;
  route: string;
  status: number;
  agent_id: string | null;
  key_id: string | null;
  client_ip_hash: string | null;
  request_headers: string;
  request_body: string | null;
  response_body: string | null;
  latency_ms: number;
  price_micros: number | null;
  charged_micros: number | null;
  cogs_micros: number | null;
  payment_mode: string | null;
  vendor_hops: string | null;
  error_code: string | null;
  /** The door of a call a tool ran in-process (`mcp:enrich_phone`); absent for plain HTTP. */
  door?: string | null;
}

/** Bodies above this are stored truncated, with a marker saying so. */
export const MAX_STORED_BODY_CHARS = 64 * 1024;

const KEPT_HEADERS = [
  "content-type",
  "content-length",
  "user-agent",
  "idempotency-key",
  "accept",
  "x-411-session-budget-usd",
];
const SECRET_HEADERS = ["authorization", "payment-signature", "x-payment", "cookie", "x-operator-secret"];

/** Headers worth keeping, with every secret replaced by a short hash that can still match a report. */
export async function redactHeaders(headers: Headers): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value.slice(0, 512);
  }
  for (const name of SECRET_HEADERS) {
    const value = headers.get(name);
    if (value === null) continue;
    const digest = (await sha256Hex(value)).slice(0, 16);
    out[name] = `[redacted sha256:${digest}]`;
  }
  return out;
}

// Bearers shown once (mint, rotate, usage keys, job poll) must not survive in the log: the secret
// part is cut, the owner kept so the row still says whose bearer it was.
const BEARER = /\b(411[kj]?_(?:agt|ej)_[0-9A-Za-z]{16,32}_)[0-9A-Za-z]{40}\b/g;
// Callback signing secrets are shown once too (subscriptions, a job's callback_secret).
const SIGNING_SECRET = /\bwhsec_[0-9A-Za-z]{40}\b/g;

export function scrubSecrets(text: string): string {
  return text.replace(BEARER, "$1[redacted]").replace(SIGNING_SECRET, "whsec_[redacted]");
}

/** What the log keeps of a body: secrets scrubbed, long bodies cut with a marker. */
export function storedBody(text: string | undefined | null): string | null {
  if (text === undefined || text === null || text === "") return null;
  const clean = scrubSecrets(text);
  if (clean.length <= MAX_STORED_BODY_CHARS) return clean;
  return `${clean.slice(0, MAX_STORED_BODY_CHARS)}…[truncated ${clean.length - MAX_STORED_BODY_CHARS} chars]`;
}

const COLUMNS = [
  "id",
  "created_at",
  "method",
  "path",
  "route",
  "status",
  "agent_id",
  "key_id",
  "client_ip_hash",
  "request_headers",
  "request_body",
  "response_body",
  "latency_ms",
  "price_micros",
  "charged_micros",
  "cogs_micros",
  "payment_mode",
  "vendor_hops",
  "error_code",
  "door",
] as const satisfies readonly (keyof RequestLogRow)[];

const INSERT_SQL = `INSERT OR IGNORE INTO requests (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`;

/** Idempotent by request id: a queue redelivery of the same row writes nothing twice. */
export async function insertRequestLog(db: D1Database, row: RequestLogRow): Promise<void> {
  await db.prepare(INSERT_SQL).bind(...COLUMNS.map((k) => row[k] ?? null)).run();
}

/** Writes the rows in one D1 batch; if D1 refuses, queues each for the consumer to retry rather than losing it. */
export async function storeRequestLogs(env: Env, rows: RequestLogRow[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await env.DB.batch(rows.map((row) => env.DB.prepare(INSERT_SQL).bind(...COLUMNS.map((k) => row[k] ?? null))));
  } catch (err) {
    console.warn(`request log: D1 refused ${rows.length} row(s), queued for retry`, err);
    await Promise.all(rows.map((row) => env.LOG_QUEUE.send({ type: "request_log", row })));
  }
}

// A D1 write per request would cost more than most requests: rows wait up to FLUSH_DELAY_MS (or
// until MAX_BATCH_ROWS gather) and one batch carries them all. The request that opens a batch owns
// its write and keeps its isolate alive (waitUntil) until that write is done; the others only add
// their row. Nothing waits on another request's promise: Workers refuse I/O across requests, and a
// request awaiting a promise only another request can settle is cancelled as hung.
const FLUSH_DELAY_MS = 50;
const MAX_BATCH_ROWS = 50;

interface OpenBatch {
  rows: RequestLogRow[];
  taken: boolean;
}

const openByEnv = new WeakMap<object, OpenBatch>();

function take(env: Env, batch: OpenBatch): RequestLogRow[] {
  if (batch.taken) return [];
  batch.taken = true;
  if (openByEnv.get(env) === batch) openByEnv.delete(env);
  return batch.rows;
}

/**
 * Adds the row to this isolate's open batch. The promise settles when this request's part is done:
 * at once when another request owns the batch, after the batch's write when this one does.
 */
export async function logRequest(env: Env, row: RequestLogRow): Promise<void> {
  const open = openByEnv.get(env);
  if (open && !open.taken) {
    open.rows.push(row);
    // The row that fills a batch writes it, in its own request.
    if (open.rows.length >= MAX_BATCH_ROWS) await storeRequestLogs(env, take(env, open));
    return;
  }
  const batch: OpenBatch = { rows: [row], taken: false };
  openByEnv.set(env, batch);
  await new Promise((resolve) => setTimeout(resolve, FLUSH_DELAY_MS));
  await storeRequestLogs(env, take(env, batch));
}

/**
 * Writes this isolate's open batch now. A caller reading its own calls (GET /agents/requests) then
 * finds the ones this instance answered; a row written by another instance lands within
 * FLUSH_DELAY_MS of its answer.
 */
export async function flushRequestLogs(env: Env): Promise<void> {
  const open = openByEnv.get(env);
  if (open) await storeRequestLogs(env, take(env, open));
}
