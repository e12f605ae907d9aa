import { z } from "@hono/zod-openapi";
import { toUsd } from "@411data/core";
import { TICKET_CATEGORIES, TICKET_STATUSES, TICKET_ID, type TicketDetail } from "../../services/support.ts";

export const TicketIdParam = z.object({ ticket_id: z.string().regex(TICKET_ID).openapi({ example: "tk_4Jx0aQ7LrWm2c9TbE1sZ" }) });

export const TicketDetailView = z
  .object({
    ticket_id: z.string(),
    status: z.enum(TICKET_STATUSES).describe("open; confirmed (a bug an operator confirmed and credited); closed (answered and closed)"),
    category: z.enum(TICKET_CATEGORIES),
    subject: z.string(),
    body: z.string(),
    created_at: z.string(),
    reply: z.string().nullable().describe("The operator's answer, once there is one"),
    replied_at: z.string().nullable(),
    credit_usd: z.number().nullable().describe("What a confirmed bug credited to the balance; null otherwise"),
    credited_at: z.string().nullable(),
  })
  .openapi("SupportTicketDetail");

export function ticketView(t: TicketDetail): z.infer<typeof TicketDetailView> {
  const { credit_micros, ...rest } = t;
  return { ...rest, credit_usd: credit_micros === null ? null : toUsd(credit_micros) };
}
