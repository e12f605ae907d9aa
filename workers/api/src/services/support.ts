import { ApiError, CONFIRMED_BUG_CREDIT, type Micros, randomBase62 } from "@411data/core";
import { accountOf } from "./accounts.ts";

// Support tickets live in D1 (an operator lists them across agents); the bug credit goes through
// the agent's own ledger like every other movement of money.

export const TICKET_CATEGORIES = ["bug", "billing", "account", "other"] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

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
