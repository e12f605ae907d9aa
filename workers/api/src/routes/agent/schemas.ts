import { z } from "@hono/zod-openapi";
import { UsdAmount } from "@411data/core";

export const CONVERSATION_ID = /^cv_[0-9A-Za-z]{20}$/;

const usd = UsdAmount.openapi({ type: ["number", "string"] });

export const ChatRequest = z
  .object({
    conversation_id: z.string().regex(CONVERSATION_ID, "a conversation id (cv_…)").optional().openapi({ description: "Continue a stored conversation; leave out to start one" }),
    message: z.string().trim().min(1).max(4000).optional().openapi({
      description: "What to enrich: a phone, a name with city and state, a business, a CRM row or a few CSV lines (at most 4,000 characters)",
      example: "who owns +17242060094?",
    }),
    confirm: z.boolean().optional().openapi({ description: "true: run the one paid call this conversation is waiting on, at the price it was quoted" }),
    max_spend_usd: usd.optional().openapi({
      description: "Most this turn's tools may hold before the agent asks you to confirm (default 1.00, at most 50)",
      example: 1,
    }),
  })
  .superRefine((b, ctx) => {
    if (b.confirm === true) {
      if (!b.conversation_id) ctx.addIssue({ code: "custom", path: ["conversation_id"], message: "confirm answers a conversation: send its conversation_id" });
      if (b.message !== undefined) ctx.addIssue({ code: "custom", path: ["message"], message: "send either a message or confirm, not both" });
    } else if (b.message === undefined) {
      ctx.addIssue({ code: "custom", path: ["message"], message: "message is required" });
    }
    if (b.max_spend_usd !== undefined && b.max_spend_usd > 50_000_000) {
      ctx.addIssue({ code: "custom", path: ["max_spend_usd"], message: "max_spend_usd is at most 50" });
    }
  })
  .openapi("ChatRequest");

const ToolRecord = z.object({ id: z.string(), name: z.string(), input: z.unknown(), output: z.unknown() });

export const StoredChatMessage = z
  .object({
    seq: z.number().int(),
    role: z.enum(["user", "assistant"]),
    text: z.string(),
    tools: z.array(ToolRecord).optional(),
    turn: z
      .object({ model: z.string(), input_tokens: z.number(), output_tokens: z.number(), charged_usd: z.number(), tools_charged_usd: z.number() })
      .nullable()
      .optional(),
    created_at: z.string(),
  })
  .openapi("ChatMessage");

export const ConversationSummary = z
  .object({
    conversation_id: z.string(),
    title: z.string(),
    awaiting_confirmation: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ConversationSummary");

export const ConversationDetail = ConversationSummary.extend({
  pending: z.object({ tool: z.string(), input: z.unknown(), max_usd: z.number() }).nullable(),
  messages: z.array(StoredChatMessage),
}).openapi("Conversation");
