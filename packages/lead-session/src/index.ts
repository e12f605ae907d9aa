// @411data/lead-session: the lead-session engine. Pure code around injected tools; the LeadSession
// Durable Object persists LeadSessionState (plain JSON) and drives it with runSession.

export { LeadInput, NormalizedLead, LeadValidationError, parseLead, safeParseLead, leadIdentityKey, leadDisplayName } from "./lead.ts";
export type { LeadIssue, SafeLead } from "./lead.ts";
export { classifyName, displayName } from "./names.ts";
export type { NameKind } from "./names.ts";
export { stateCode } from "./states.ts";
export {
  addressKey, businessNameKey, entityKey, parseAddress, personNameKey, sameAddress, samePersonName, streetKey,
} from "./keys.ts";

export {
  LeadGraph, PhoneNode, ContactNode, EntityNode, GraphAddress, NodeProvenance, ToolName, emptyGraph,
} from "./graph-schema.ts";
export { mergePersonResult, mergeBusinessResult, graphFound, graphMatched, graphInputKeys, DEFAULT_MAX_PEOPLE_PER_RESULT } from "./graph.ts";
export type { MergeContext, MergeStats } from "./graph.ts";

export { DEFAULT_TOOL_PRICES, toolKey, describeInput, toolsFromVendors, companyAsBusiness } from "./tools.ts";
export type { Tools, ToolInput, ToolPrices, NameQuery, AddressQuery, ToolCallOptions } from "./tools.ts";

export { planCandidates, planNextTool, canAfford } from "./planner.ts";
export type { PlannedStep } from "./planner.ts";
export type {
  LeadSessionState, SessionMode, SessionStatus, StopReason, RoundOutcome, ToolLogEntry, PlannerHint, SessionPricing, FollowUp,
} from "./state.ts";
export {
  createSession, runRound, runWave, runSession, nextStep, nextSteps, summarize, finish, DEFAULT_MAX_ROUNDS, MAX_ROUNDS_LIMIT, DEFAULT_WAVE_SIZE,
} from "./session.ts";
export type { CreateSessionOptions, RoundContext, RunOptions } from "./session.ts";

export { sessionCharge, chargeBreakdown, LEAD_SESSION_BASE_MICROS, LEAD_SESSION_MARGIN_BPS } from "./billing.ts";
export type { ChargeTerms, ChargeBreakdown } from "./billing.ts";

export { offlineSummarizer, renderSummary, bestPhone } from "./summary.ts";
export type { Summarizer, SummaryContext } from "./summary.ts";

export {
  digDeeper, suggestedUserPrompts, promptWouldRun, parsePrompt, applyFollowUp, continueSession, DEFAULT_FOLLOWUP_ROUNDS,
} from "./interactive.ts";
export type { DigDeeperStep, FollowUpOptions } from "./interactive.ts";

export { llmSummarizer, summarySandbox, SUMMARY_MODEL, SUMMARY_COST_ESTIMATE_MICROS } from "./llm-summary.ts";
export type { LlmSummarizerOptions } from "./llm-summary.ts";

export { warmSeed } from "./warm.ts";
export type { WarmSeedOptions } from "./warm.ts";

export { LeadEnrichmentV1, ToolRun, DigDeeperItem, toLeadEnrichmentV1, sessionChargeMicros } from "./result.ts";
export {
  LeadSessionRequest, parseLeadSessionRequest, DEFAULT_BUDGET_MICROS, SYNC_MAX_BUDGET_MICROS,
} from "./request.ts";
export type { ParsedLeadSessionRequest } from "./request.ts";
