import { randomBase62 } from "@411data/core";
import { CHUNK_ROWS, laneOf, type BatchRoute, type BatchStatus, type Lane, type RowError, type RowStatus } from "./batch.ts";
import type { IngestedRow } from "./ingest.ts";

// The batch rows in D1 and every state change on them. Rows go in and results come back a chunk
// at a time through json_each, one statement per few hundred rows, not one per row; each change
// names the state it leaves (and the lease it holds), so two deliveries of a chunk never both run
// a row.

export interface BatchRow {
  id: string;
  agent_id: string | null;
  key_id: string | null;
  request_id: string;
  route: string;
  status: BatchStatus;
  billing_mode: "virtual_balance" | "x402_upto";
  bill_up_to_micros: number;
  hold_id: string | null;
  x402_lock_key: string | null;
  x402_payer: string | null;
  x402_payload: string | null;
  x402_requirement: string | null;
  x402_transaction: string | null;
  poll_hash: string;
  callback_url: string | null;
  filename: string | null;
  columns: string;
  mapping: string | null;
  rows_total: number;
  rows_unique: number;
  rows_duplicate: number;
  rows_invalid: number;
  estimate_micros: number;
  reserved_micros: number;
  charged_micros: number | null;
  billing_status: "settling" | "settled_virtual" | "settled" | "settle_failed" | null;
  cancel_requested_at: number | null;
  created_at: number;
  finished_at: number | null;
  deadline_at: number;
  updated_at: number;
}

export type NewBatch = Omit<BatchRow, "status" | "reserved_micros" | "billing_status" | "charged_micros" | "cancel_requested_at" | "finished_at" | "updated_at" | "x402_transaction">;

/** A row as the runner claims it. */
export interface ClaimedRow {
  row_no: number;
  route: BatchRoute;
  payload: string;
  max_micros: number;
  attempts: number;
}

/** What a run decided for one row. */
export interface RowOutcome {
  rowNo: number;
  status: Extract<RowStatus, "done" | "failed" | "queued">;
  matched: boolean | null;
  charge: number;
  result: unknown;
  error: RowError | null;
}

/** Rows per INSERT … SELECT FROM json_each: a few hundred keeps each statement's JSON well under D1's limits. */
const INSERT_SLICE = 400;

export function insertBatch(db: D1Database, batch: NewBatch, rows: IngestedRow[]): { statements: D1PreparedStatement[]; chunks: { chunkNo: number; lane: Lane }[] } {
  const chunks: { chunkNo: number; lane: Lane }[] = [];
  const chunkOf = new Map<number, number>();
  for (const lane of ["short", "long"] as const) {
    const laneRows = rows.filter((r) => r.status === "queued" && laneOf(r.route!) === lane);
    for (let i = 0; i < laneRows.length; i += CHUNK_ROWS[lane]) {
      const chunkNo = chunks.length + 1;
      chunks.push({ chunkNo, lane });
      for (const r of laneRows.slice(i, i + CHUNK_ROWS[lane])) chunkOf.set(r.rowNo, chunkNo);
    }
  }
  const now = Date.now();
  const statements = [
    db.prepare(
      `INSERT INTO batches (id, agent_id, key_id, request_id, route, status, billing_mode, bill_up_to_micros, hold_id,
         x402_lock_key, x402_payer, x402_payload, x402_requirement, poll_hash, callback_url, filename, columns, mapping,
         rows_total, rows_unique, rows_duplicate, rows_invalid, estimate_micros, created_at, deadline_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      batch.id, batch.agent_id, batch.key_id, batch.request_id, batch.route, batch.billing_mode, batch.bill_up_to_micros, batch.hold_id,
      batch.x402_lock_key, batch.x402_payer, batch.x402_payload, batch.x402_requirement, batch.poll_hash, batch.callback_url, batch.filename,
      batch.columns, batch.mapping, batch.rows_total, batch.rows_unique, batch.rows_duplicate, batch.rows_invalid, batch.estimate_micros,
      batch.created_at, batch.deadline_at, now,
    ),
  ];
  for (let i = 0; i < rows.length; i += INSERT_SLICE) {
    const slice = rows.slice(i, i + INSERT_SLICE).map((r) => [
      r.rowNo, r.line, chunkOf.get(r.rowNo) ?? null, r.route, r.status, r.cells, r.payload, r.max, r.error, r.duplicateOf,
    ]);
    statements.push(
      db.prepare(
        `INSERT INTO batch_rows (batch_id, row_no, line, chunk_no, route, status, cells, payload, max_micros, error, duplicate_of)
         SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
                json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'),
                json_extract(value, '$[8]'), json_extract(value, '$[9]')
         FROM json_each(?2)`,
      ).bind(batch.id, JSON.stringify(slice)),
    );
  }
  if (chunks.length > 0) {
    statements.push(
      db.prepare(
        `INSERT INTO batch_chunks (batch_id, chunk_no, lane, status)
         SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 'pending' FROM json_each(?2)`,
      ).bind(batch.id, JSON.stringify(chunks.map((c) => [c.chunkNo, c.lane]))),
    );
  }
  return { statements, chunks };
}

export async function getBatch(db: D1Database, id: string): Promise<BatchRow | null> {
  return db.prepare("SELECT * FROM batches WHERE id = ?").bind(id).first<BatchRow>();
}

export async function listBatches(db: D1Database, agentId: string, limit: number, before: number | null): Promise<BatchRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM batches WHERE agent_id = ? AND created_at < ? ORDER BY created_at DESC LIMIT ?")
    .bind(agentId, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<BatchRow>();
  return results;
}

/** Marks up to `n` pending chunks of a lane as sent and returns them, oldest first. */
export async function takeChunks(db: D1Database, batchId: string, lane: Lane, n: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `UPDATE batch_chunks SET status = 'sent'
       WHERE batch_id = ?1 AND status = 'pending' AND chunk_no IN
         (SELECT chunk_no FROM batch_chunks WHERE batch_id = ?1 AND lane = ?2 AND status = 'pending' ORDER BY chunk_no LIMIT ?3)
       RETURNING chunk_no`,
    )
    .bind(batchId, lane, n)
    .all<{ chunk_no: number }>();
  return results.map((r) => r.chunk_no).sort((a, b) => a - b);
}

/** The one delivery that closes a chunk learns so (and sends the next); later ones do not. */
export async function closeChunk(db: D1Database, batchId: string, chunkNo: number): Promise<{ closed: boolean; lane: Lane | null }> {
  const row = await db
    .prepare("UPDATE batch_chunks SET status = 'done' WHERE batch_id = ? AND chunk_no = ? AND status != 'done' RETURNING lane")
    .bind(batchId, chunkNo)
    .first<{ lane: Lane }>();
  return { closed: row !== null, lane: row?.lane ?? null };
}

/** Takes the chunk's queued rows and those whose lease ran out (with `takeOver`, every open row). */
export async function claimRows(
  db: D1Database,
  batchId: string,
  chunkNo: number,
  leaseId: string,
  now: number,
  leaseUntil: number,
  opts: { takeOver?: boolean } = {},
): Promise<ClaimedRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE batch_rows SET status = 'running', lease_id = ?1, lease_until = ?2, attempts = attempts + 1, started_at = COALESCE(started_at, ?3)
       WHERE batch_id = ?4 AND chunk_no = ?5 AND (status = 'queued' OR (status = 'running' AND lease_until < ?6))
       RETURNING row_no, route, payload, max_micros, attempts`,
    )
    .bind(leaseId, leaseUntil, now, batchId, chunkNo, opts.takeOver ? Number.MAX_SAFE_INTEGER : now)
    .all<ClaimedRow>();
  return results;
}

/**
 * A chunk's outcomes, one UPDATE per row, for one db.batch (one round trip, one transaction). Rows
 * whose lease moved on are left alone. (A single UPDATE … FROM json_each over the chunk re-reads
 * the whole JSON per row and was ten times slower.)
 */
export function saveOutcomes(db: D1Database, batchId: string, leaseId: string, outcomes: RowOutcome[], now: number): D1PreparedStatement[] {
  const update = db.prepare(
    `UPDATE batch_rows SET status = ?1, matched = ?2, charge_micros = ?3, result = ?4, error = ?5, finished_at = ?6, lease_id = NULL, lease_until = NULL
     WHERE batch_id = ?7 AND row_no = ?8 AND status = 'running' AND lease_id = ?9`,
  );
  return outcomes.map((o) =>
    update.bind(
      o.status,
      o.matched === null ? null : o.matched ? 1 : 0,
      o.status === "queued" ? null : o.charge,
      o.result === null || o.result === undefined ? null : JSON.stringify(o.result),
      o.error ? JSON.stringify(o.error) : null,
      o.status === "queued" ? null : now,
      batchId,
      o.rowNo,
      leaseId,
    ),
  );
}

/** Rows of a chunk not yet ended, and when the earliest foreign lease on them runs out. */
export async function chunkOpen(db: D1Database, batchId: string, chunkNo: number): Promise<{ queued: number; running: number; leaseUntil: number | null }> {
  const row = await db
    .prepare(
      `SELECT SUM(status = 'queued') AS queued, SUM(status = 'running') AS running,
              MIN(CASE WHEN status = 'running' THEN lease_until END) AS lease_until
       FROM batch_rows WHERE batch_id = ? AND chunk_no = ?`,
    )
    .bind(batchId, chunkNo)
    .first<{ queued: number | null; running: number | null; lease_until: number | null }>();
  return { queued: row?.queued ?? 0, running: row?.running ?? 0, leaseUntil: row?.lease_until ?? null };
}

export async function openRowCount(db: D1Database, batchId: string): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM batch_rows WHERE batch_id = ? AND status IN ('queued', 'running')")
    .bind(batchId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export interface Progress {
  byStatus: Partial<Record<RowStatus, number>>;
  matched: number;
  spent: number;
  firstStarted: number | null;
  lastFinished: number | null;
}

export async function progressOf(db: D1Database, batchId: string): Promise<Progress> {
  const { results } = await db
    .prepare(
      `SELECT status, COUNT(*) AS n, COALESCE(SUM(matched), 0) AS matched, COALESCE(SUM(charge_micros), 0) AS spent,
              MIN(started_at) AS first_started, MAX(finished_at) AS last_finished
       FROM batch_rows WHERE batch_id = ? GROUP BY status`,
    )
    .bind(batchId)
    .all<{ status: RowStatus; n: number; matched: number; spent: number; first_started: number | null; last_finished: number | null }>();
  const p: Progress = { byStatus: {}, matched: 0, spent: 0, firstStarted: null, lastFinished: null };
  for (const r of results) {
    p.byStatus[r.status] = r.n;
    p.matched += r.matched;
    p.spent += r.spent;
    if (r.first_started !== null) p.firstStarted = Math.min(p.firstStarted ?? r.first_started, r.first_started);
    if (r.last_finished !== null) p.lastFinished = Math.max(p.lastFinished ?? r.last_finished, r.last_finished);
  }
  return p;
}

export const newLeaseId = () => `lease_${randomBase62(16)}`;

/** Rows in file order, a page at a time (results files stream these). */
export interface ResultRow {
  row_no: number;
  line: number;
  route: BatchRoute | null;
  status: RowStatus;
  cells: string;
  matched: number | null;
  charge_micros: number | null;
  result: string | null;
  error: string | null;
  duplicate_of: number | null;
}

export async function resultPage(db: D1Database, batchId: string, after: number, limit: number): Promise<ResultRow[]> {
  const { results } = await db
    .prepare(
      `SELECT row_no, line, route, status, cells, matched, charge_micros, result, error, duplicate_of
       FROM batch_rows WHERE batch_id = ? AND row_no > ? ORDER BY row_no LIMIT ?`,
    )
    .bind(batchId, after, limit)
    .all<ResultRow>();
  return results;
}
