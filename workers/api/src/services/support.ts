import { ApiError, CONFIRMED_BUG_CREDIT, type Micros, randomBase62 } from "@411data/core";
import { decodePageCursor, encodePageCursor } from "../http/page-cursor.ts";
import { accountOf } from "./accounts.ts";

// Support tickets live in D1 (an operator lists them across agents); the bug credit goes through
// the agent's own ledger like every other movement of money.

export const TICKET_CATEGORIES = ["bug", "billing", "account", "other"] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_STATUSES = ["open", "confirmed", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const newTicketId = () => `tk_${randomBase62(20)}`;
export const TICKET_ID = /^tk_[0-9A-Za-z]{16,32}$/;

export interface NewTicket {
  agentId: string | null;
  keyId: string | null;
  requestId: string;
  category: TicketCategory;
  subject: string;
  body: string;
}

export interface TicketView {
  ticket_id: string;
  status: "open";
  category: TicketCategory;
  created_at: string;
}

export async function openTicket(db: D1Database, ticket: NewTicket): Promise<TicketView> {
  const id = newTicketId();
  const createdAt = new Date().toISOString();
  await db
    .prepare(
      `INSERT INTO support_tickets (id, agent_id, key_id, request_id, category, subject, body, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
    )
    .bind(id, ticket.agentId, ticket.keyId, ticket.requestId, ticket.category, ticket.subject, ticket.body, createdAt)
    .run();
  return { ticket_id: id, status: "open", category: ticket.category, created_at: createdAt };
}

export interface ConfirmedBug {
  ticket_id: string;
  status: "confirmed";
  agent_id: string;
  credited_usd_micros: Micros;
  confirmed_at: string;
  balance_after: Micros;
}

/**
 * Confirms a bug ticket and credits its agent CONFIRMED_BUG_CREDIT. The conditional UPDATE is the
 * once-only claim, so two operators confirming at once credit once.
 */
export async function confirmBug(env: Env, ticketId: string): Promise<ConfirmedBug> {
  const confirmedAt = new Date().toISOString();
  const claimed = await env.DB.prepare(
    `UPDATE support_tickets SET status = 'confirmed', bug_confirmed_at = ?1, credit_micros = ?2
     WHERE id = ?3 AND category = 'bug' AND bug_confirmed_at IS NULL AND agent_id IS NOT NULL
     RETURNING agent_id`,
  )
    .bind(confirmedAt, CONFIRMED_BUG_CREDIT, ticketId)
    .first<{ agent_id: string }>();
  if (!claimed) throw await whyNotConfirmable(env.DB, ticketId);

  let credit;
  try {
    credit = await accountOf(env, claimed.agent_id).credit({
      amount: CONFIRMED_BUG_CREDIT,
      ref: ticketId,
      memo: `confirmed bug ${ticketId}`,
    });
  } catch (cause) {
    // The claim is kept: re-crediting after an RPC error whose outcome is unknown could pay twice.
    throw new ApiError("INTERNAL_ERROR", "the ticket is confirmed but the credit's outcome is unknown; check the balance and use adjust", {
      cause,
      details: { ticket_id: ticketId, agent_id: claimed.agent_id },
    });
  }
  if (!credit.ok) throw new ApiError("INTERNAL_ERROR", `credit refused: ${credit.code}`);
  return {
    ticket_id: ticketId,
    status: "confirmed",
    agent_id: claimed.agent_id,
    credited_usd_micros: CONFIRMED_BUG_CREDIT,
    confirmed_at: confirmedAt,
    balance_after: credit.balance.available,
  };
}

async function whyNotConfirmable(db: D1Database, ticketId: string): Promise<ApiError> {
  const row = await db
    .prepare("SELECT category, agent_id, bug_confirmed_at FROM support_tickets WHERE id = ?")
    .bind(ticketId)
    .first<{ category: TicketCategory; agent_id: string | null; bug_confirmed_at: string | null }>();
  if (!row) return new ApiError("NOT_FOUND", `no ticket ${ticketId}`);
  if (row.category !== "bug") {
    return new ApiError("CONFLICT", `ticket ${ticketId} is a ${row.category} ticket; only bug tickets earn the credit`, {
      details: { category: row.category },
    });
  }
  if (row.bug_confirmed_at) {
    return new ApiError("CONFLICT", `ticket ${ticketId} was already confirmed and credited`, {
      details: { confirmed_at: row.bug_confirmed_at },
    });
  }
  return new ApiError("CONFLICT", `ticket ${ticketId} was paid anonymously: there is no agent to credit`);
}

interface TicketRow {
  id: string;
  category: TicketCategory;
  subject: string;
  body: string;
  status: TicketStatus;
  created_at: string;
  operator_reply: string | null;
  replied_at: string | null;
  bug_confirmed_at: string | null;
  credit_micros: number | null;
}

/** A ticket as the agent that opened it reads it. */
export interface TicketDetail {
  ticket_id: string;
  status: TicketStatus;
  category: TicketCategory;
  subject: string;
  body: string;
  created_at: string;
  reply: string | null;
  replied_at: string | null;
  credit_micros: Micros | null;
  credited_at: string | null;
}

const detail = (r: TicketRow): TicketDetail => ({
  ticket_id: r.id,
  status: r.status,
  category: r.category,
  subject: r.subject,
  body: r.body,
  created_at: r.created_at,
  reply: r.operator_reply,
  replied_at: r.replied_at,
  credit_micros: r.credit_micros,
  credited_at: r.bug_confirmed_at,
});

const COLUMNS = "id, category, subject, body, status, created_at, operator_reply, replied_at, bug_confirmed_at, credit_micros";

/** Whose tickets a caller sees: the agent all of its own; a usage key only those it opened. */
export interface TicketReader {
  agentId: string;
  keyId: string | null;
}

function readerClause(reader: TicketReader): { where: string[]; binds: string[] } {
  return reader.keyId
    ? { where: ["agent_id = ?", "key_id = ?"], binds: [reader.agentId, reader.keyId] }
    : { where: ["agent_id = ?"], binds: [reader.agentId] };
}

export async function listTickets(
  db: D1Database,
  reader: TicketReader,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ tickets: TicketDetail[]; next_cursor: string | null }> {
  const { where, binds } = readerClause(reader);
  if (page.cursor) {
    const [at, id] = decodePageCursor(page.cursor);
    where.push("(created_at < ? OR (created_at = ? AND id < ?))");
    binds.push(at, at, id);
  }
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM support_tickets WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...binds, page.limit + 1)
    .all<TicketRow>();
  const rows = results.slice(0, page.limit);
  return { tickets: rows.map(detail), next_cursor: results.length > page.limit ? encodePageCursor(rows[rows.length - 1]!) : null };
}

/** One of the reader's tickets; another agent's ticket is as unknown as a ticket that never was. */
export async function getTicket(db: D1Database, reader: TicketReader, ticketId: string): Promise<TicketDetail> {
  const { where, binds } = readerClause(reader);
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM support_tickets WHERE id = ? AND ${where.join(" AND ")}`)
    .bind(ticketId, ...binds)
    .first<TicketRow>();
  if (!row) throw new ApiError("NOT_FOUND", `no ticket ${ticketId} on this agent`, { details: { ticket_id: ticketId } });
  return detail(row);
}

/**
 * The operator's answer, shown to the agent on its ticket. A later reply replaces the earlier one;
 * `close` closes an open ticket (a confirmed bug keeps its status, which records the credit).
 */
export async function replyToTicket(db: D1Database, ticketId: string, reply: { text: string; close: boolean }): Promise<TicketDetail> {
  const row = await db
    .prepare(
      `UPDATE support_tickets SET operator_reply = ?1, replied_at = ?2,
         status = CASE WHEN ?3 = 1 AND status = 'open' THEN 'closed' ELSE status END
       WHERE id = ?4 RETURNING ${COLUMNS}`,
    )
    .bind(reply.text, new Date().toISOString(), reply.close ? 1 : 0, ticketId)
    .first<TicketRow>();
  if (!row) throw new ApiError("NOT_FOUND", `no ticket ${ticketId}`);
  return detail(row);
}
