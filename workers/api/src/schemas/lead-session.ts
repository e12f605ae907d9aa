import { z } from "@hono/zod-openapi";
import { LeadEnrichmentV1, LeadInput, MAX_ROUNDS_LIMIT } from "@411data/lead-session";
import { Billing } from "./billing.ts";

export const SESSION_ID = /^ls_[0-9A-Za-z]{24}$/;

/** Header that lifts a sync session's budget above the body's $20 cap, up to $50. */
export const SESSION_BUDGET_HEADER = "x-session-budget-usd";

const usd = z.union([z.number(), z.string()]).openapi({ type: ["number", "string"] });

// One body for both turns: a new session names a `lead`; a follow-up names its `session_id` and a
// `prompt`. Knobs the follow-up leaves out carry over from the session.
export const LeadSessionBody = z
  .object({
    lead: LeadInput.optional().openapi({
      example: { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" },
    }),
    budget_usd: usd.optional().openapi({
      description: `Most the session may charge, USD (default 2.00, at least the $1.50 base, at most 20; the ${SESSION_BUDGET_HEADER} header allows up to 50). On a follow-up, a higher value raises the session's budget.`,
      example: 2,
    }),
    max_rounds: z.number().int().min(1).max(MAX_ROUNDS_LIMIT).optional().openapi({
      description: "Paid tool runs at most (1–10, default 5); on a follow-up, the rounds this turn may add",
      example: 5,
    }),
    mode: z.enum(["auto", "interactive"]).optional().openapi({ description: "auto (default): one shot; interactive: adds dig_deeper and suggested_user_prompts and takes follow-ups" }),
    session_id: z.string().regex(SESSION_ID, "a lead-session id (ls_…)").optional().openapi({ description: "Follow-up: the interactive session to continue" }),
    prompt: z.string().trim().min(1).max(2000).optional().openapi({ description: "Follow-up: what to dig into next, e.g. one of suggested_user_prompts" }),
  })
  .superRefine((b, ctx) => {
    if (b.session_id === undefined) {
      if (b.lead === undefined) ctx.addIssue({ code: "custom", path: ["lead"], message: "lead is required to start a session" });
      if (b.prompt !== undefined) ctx.addIssue({ code: "custom", path: ["prompt"], message: "prompt continues a session: send it with session_id" });
      return;
    }
    if (b.prompt === undefined) ctx.addIssue({ code: "custom", path: ["prompt"], message: "a follow-up needs a prompt" });
    if (b.lead !== undefined) ctx.addIssue({ code: "custom", path: ["lead"], message: "a follow-up continues the session's own lead; leave lead out" });
    if (b.mode !== undefined) ctx.addIssue({ code: "custom", path: ["mode"], message: "a session's mode is fixed when it starts" });
  });
export type LeadSessionBody = z.infer<typeof LeadSessionBody>;

export const LeadSessionResult = LeadEnrichmentV1.extend({ billing: Billing }).openapi("LeadSessionResult");
