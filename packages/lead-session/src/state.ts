import type { Micros } from "@411data/core";
import type { LeadGraph, ToolName } from "./graph-schema.ts";
import type { NormalizedLead } from "./lead.ts";
import type { ToolInput, ToolPrices } from "./tools.ts";

// The session state the LeadSession Durable Object persists between calls: plain JSON only
// (no Dates, Maps or class instances), so storage.put/get round-trips it unchanged.

export type SessionMode = "auto" | "interactive";
export type SessionStatus = "running" | "awaiting_input" | "completed";
export type StopReason = "max_rounds" | "budget" | "exhausted" | "time_limit" | "aborted";
export type RoundOutcome = "match" | "miss" | "error";

export type ToolLogEntry = {
  round: number;
  tool: ToolName;
  input: ToolInput;
  input_key: string;
  reason: string;
  outcome: RoundOutcome;
  cost_micro_usd: Micros;
  latency_ms: number;
  vendor: string | null;
  nodes_added: number;
  nodes_updated: number;
  started_at: string;
  error?: { kind: string; reason: string; message: string; status?: number; retry_after_sec?: number };
};

export type PlannerHint =
  | { kind: "focus"; focus: "phone" | "owner" | "address" | "email" | "company" | "business" }
  | { kind: "person"; name: string }
  | { kind: "reverse_phone"; phone: string }
  | { kind: "email"; email: string }
  | { kind: "business"; name: string };

export type SessionPricing = {
  /** Lead-session base price, µUSD ($1.50). */
  base: Micros;
  /** Markup on COGS in basis points (13000 = ×1.30). */
  marginBps: number;
  /** Estimated COGS per tool run, µUSD. */
  tools: ToolPrices;
  /** Estimated COGS of the closing summary (0 for the offline summarizer). */
  summary: Micros;
};

export type FollowUp = { prompt: string; hints: PlannerHint[]; at: string; rounds_before: number };

export type LeadSessionState = {
  v: 1;
  sessionId: string;
  createdAt: string;
  lead: NormalizedLead;
  mode: SessionMode;
  graph: LeadGraph;
  roundsUsed: number;
  maxRounds: number;
  /** Ceiling on what the session may charge, µUSD. */
  budget: Micros;
  /** Our cost so far (tools + summary), µUSD. */
  cogs: Micros;
  summaryCogs: Micros;
  pricing: SessionPricing;
  catalogEnabled: boolean;
  toolLog: ToolLogEntry[];
  /** toolKey()s already run (or warm-seeded): never paid for twice. */
  triedKeys: string[];
  status: SessionStatus;
  stopReason: StopReason | null;
  /** Follow-up prompts in order (interactive mode). */
  prompts: FollowUp[];
  /** Hints from the latest prompt, steering the planner. */
  hints: PlannerHint[];
  warmSeeded: boolean;
  warmSeed: { at: string; node_count: number; input_keys: number } | null;
};
