import { isVendorError } from "@411data/vendors";
import { newSessionId, type Micros } from "@411data/core";
import { LEAD_SESSION_BASE_MICROS, LEAD_SESSION_MARGIN_BPS } from "./billing.ts";
import { DEFAULT_MAX_PEOPLE_PER_RESULT, mergeBusinessResult, mergePersonResult, type MergeStats } from "./graph.ts";
import { emptyGraph } from "./graph-schema.ts";
import { parseLead, type NormalizedLead } from "./lead.ts";
import { canAfford, planCandidates, type PlannedStep } from "./planner.ts";
import type { LeadSessionState, SessionMode, SessionPricing, StopReason, ToolLogEntry } from "./state.ts";
import { offlineSummarizer, type Summarizer } from "./summary.ts";
import { DEFAULT_TOOL_PRICES, type ToolCallOptions, type Tools } from "./tools.ts";

export const DEFAULT_MAX_ROUNDS = 5;
export const MAX_ROUNDS_LIMIT = 10;

export type CreateSessionOptions = {
  /** Free-form CRM row (parsed with parseLead) or an already normalized lead. */
  lead: unknown;
  budget: Micros;
  maxRounds?: number;
  mode?: SessionMode;
  sessionId?: string;
  catalogEnabled?: boolean;
  pricing?: Partial<Omit<SessionPricing, "tools">> & { tools?: Partial<SessionPricing["tools"]> };
  now?: Date;
};

function isNormalized(x: unknown): x is NormalizedLead {
  return typeof x === "object" && x !== null && "warnings" in x && "other_phones" in x && "company_kind" in x;
}

export function createSession(opts: CreateSessionOptions): LeadSessionState {
  const maxRounds = opts.maxRounds ?? DEFAULT_MAX_ROUNDS;
  if (!Number.isInteger(maxRounds) || maxRounds < 1 || maxRounds > MAX_ROUNDS_LIMIT) {
    throw new RangeError(`max_rounds must be an integer from 1 to ${MAX_ROUNDS_LIMIT}`);
  }
  if (!Number.isSafeInteger(opts.budget) || opts.budget < 0) throw new RangeError("budget must be a non-negative integer µUSD");
  const lead = isNormalized(opts.lead) ? structuredClone(opts.lead) : parseLead(opts.lead);
  return {
    v: 1,
    sessionId: opts.sessionId ?? newSessionId(),
    createdAt: (opts.now ?? new Date()).toISOString(),
    lead,
    mode: opts.mode ?? "auto",
    graph: emptyGraph(),
    roundsUsed: 0,
    maxRounds,
    budget: opts.budget,
    cogs: 0,
    summaryCogs: 0,
    pricing: {
      base: opts.pricing?.base ?? LEAD_SESSION_BASE_MICROS,
      marginBps: opts.pricing?.marginBps ?? LEAD_SESSION_MARGIN_BPS,
      tools: { ...DEFAULT_TOOL_PRICES, ...opts.pricing?.tools },
      summary: opts.pricing?.summary ?? 0,
    },
    catalogEnabled: opts.catalogEnabled ?? false,
    toolLog: [],
    triedKeys: [],
    status: "running",
    stopReason: null,
    prompts: [],
    hints: [],
    warmSeeded: false,
    warmSeed: null,
  };
}

export type RoundContext = {
  now?: () => Date;
  signal?: AbortSignal;
  /** Epoch ms after which no new round starts (sync calls must answer in time). */
  deadline?: number;
  maxPeoplePerResult?: number;
};

export type RunOptions = RoundContext & { summarizer?: Summarizer; waveSize?: number };

function supported(tools: Tools, step: PlannedStep): boolean {
  if (step.tool === "company") return typeof tools.company === "function";
  if (step.tool === "person_by_email") return typeof tools.personByEmail === "function";
  return true;
}

export function finish(state: LeadSessionState, reason: StopReason): LeadSessionState {
  state.stopReason = reason;
  state.status = state.mode === "interactive" ? "awaiting_input" : "completed";
  return state;
}

/** Lookups of one wave run at once; each still counts as its own round and its own COGS. */
export const DEFAULT_WAVE_SIZE = 4;

/**
 * The steps the session would run now, all planned from the same graph (so none depends on
 * another's answer), best first, within the rounds left and affordable together; or the reason it
 * must stop. A wave of one is exactly what a sequential round would pick.
 */
export function nextSteps(state: LeadSessionState, tools?: Tools, ctx: RoundContext & { waveSize?: number } = {}): { steps: PlannedStep[] } | { stop: StopReason } {
  const first = nextStep(state, tools, ctx);
  if ("stop" in first) return first;
  const room = Math.min(ctx.waveSize ?? DEFAULT_WAVE_SIZE, state.maxRounds - state.roundsUsed);
  const steps: PlannedStep[] = [];
  let cogs = state.cogs;
  for (const step of planCandidates(state).filter((s) => !tools || supported(tools, s))) {
    if (steps.length >= room) break;
    if (!canAfford({ ...state, cogs }, step.estimated_cost_micro_usd)) continue;
    steps.push(step);
    cogs += step.estimated_cost_micro_usd;
  }
  return { steps };
}

/** The step the session would run now, or the reason it must stop. */
export function nextStep(state: LeadSessionState, tools?: Tools, ctx: RoundContext = {}): { step: PlannedStep } | { stop: StopReason } {
  if (ctx.signal?.aborted) return { stop: "aborted" };
  if (ctx.deadline !== undefined && Date.now() >= ctx.deadline) return { stop: "time_limit" };
  if (state.roundsUsed >= state.maxRounds) return { stop: "max_rounds" };
  const candidates = planCandidates(state).filter((s) => !tools || supported(tools, s));
  if (candidates.length === 0) return { stop: "exhausted" };
  const step = candidates.find((s) => canAfford(state, s.estimated_cost_micro_usd));
  return step ? { step } : { stop: "budget" };
}

async function call(tools: Tools, step: PlannedStep, o: ToolCallOptions) {
  const i = step.input;
  switch (i.tool) {
    case "reverse_phone":
      return { kind: "person" as const, result: await tools.phone(i.phone, o) };
    case "person_by_name":
      return { kind: "person" as const, result: await tools.personByName(i.query, o) };
    case "person_by_address":
      return { kind: "person" as const, result: await tools.personByAddress(i.query, o) };
    case "person_by_email": {
      if (!tools.personByEmail) throw new Error("person_by_email is not wired");
      return { kind: "person" as const, result: await tools.personByEmail(i.email, o) };
    }
    case "websearch":
      return { kind: "business" as const, query: i.query, result: await tools.websearch(i.query, o) };
    case "company": {
      if (!tools.company) throw new Error("company is not wired");
      return { kind: "business" as const, query: i.query, result: await tools.company(i.query, o) };
    }
  }
}

type StepOutcome = { entry: ToolLogEntry; merge: ((graph: LeadSessionState["graph"], lead: LeadSessionState["lead"]) => MergeStats) | null };

/** Calls one planned tool; merging waits, so concurrent steps merge in plan order. */
async function runStep(step: PlannedStep, round: number, tools: Tools, ctx: RoundContext): Promise<StepOutcome> {
  const now = ctx.now ?? (() => new Date());
  const started = Date.now();
  const entry: ToolLogEntry = {
    round, tool: step.tool, input: step.input, input_key: step.key, reason: step.reason, outcome: "miss",
    cost_micro_usd: 0, latency_ms: 0, vendor: null, nodes_added: 0, nodes_updated: 0, started_at: now().toISOString(),
  };
  let merge: StepOutcome["merge"] = null;
  try {
    const r = await call(tools, step, ctx.signal ? { signal: ctx.signal } : {});
    const maxPeople = ctx.maxPeoplePerResult ?? DEFAULT_MAX_PEOPLE_PER_RESULT;
    merge = (graph, lead) => {
      const mctx = { tool: step.tool, round, inputKey: step.key, lead, maxPeople };
      return r.kind === "person" ? mergePersonResult(graph, r.result, mctx) : mergeBusinessResult(graph, r.result, { ...mctx, query: r.query });
    };
    entry.outcome = r.result.matched ? "match" : "miss";
    entry.cost_micro_usd = r.result.cost_micro_usd;
    entry.vendor = r.result.vendor;
  } catch (e) {
    // A vendor outage costs the round but not the session: the next round tries another input.
    entry.outcome = "error";
    if (isVendorError(e)) {
      entry.vendor = e.vendor;
      entry.error = {
        kind: e.kind, reason: e.reason, message: e.message,
        ...(e.status === undefined ? {} : { status: e.status }),
        ...(e.retryAfterSec === undefined ? {} : { retry_after_sec: e.retryAfterSec }),
      };
    } else {
      entry.error = { kind: "internal", reason: e instanceof Error ? e.name : "unknown", message: e instanceof Error ? e.message : String(e) };
    }
  }
  entry.latency_ms = Date.now() - started;
  return { entry, merge };
}

function apply(s: LeadSessionState, step: PlannedStep, { entry, merge }: StepOutcome): void {
  if (merge) {
    const stats = merge(s.graph, s.lead);
    entry.nodes_added = stats.added;
    entry.nodes_updated = stats.updated;
  }
  s.roundsUsed = entry.round;
  s.cogs += entry.cost_micro_usd;
  s.triedKeys.push(step.key);
  s.toolLog.push(entry);
}

/**
 * Runs one round: plans, runs one tool, merges its answer, counts the round and its COGS. When the
 * session must stop instead, marks it finished. Returns a new state; the input is not modified.
 */
export async function runRound(state: LeadSessionState, tools: Tools, ctx: RoundContext = {}): Promise<LeadSessionState> {
  return runWave(state, tools, { ...ctx, waveSize: 1 });
}

/**
 * Runs one wave: the lookups that do not depend on each other run concurrently, then merge in plan
 * order (so the graph is the same however the vendors' answers interleave). Each is one round.
 */
export async function runWave(state: LeadSessionState, tools: Tools, ctx: RoundContext & { waveSize?: number } = {}): Promise<LeadSessionState> {
  const s = structuredClone(state);
  if (s.status !== "running") return s;
  const next = nextSteps(s, tools, ctx);
  if ("stop" in next) return finish(s, next.stop);
  const outcomes = await Promise.all(next.steps.map((step, i) => runStep(step, s.roundsUsed + 1 + i, tools, ctx)));
  next.steps.forEach((step, i) => apply(s, step, outcomes[i]!));
  return s;
}

/** Closes a finished session: writes the summary and books its COGS. */
export async function summarize(state: LeadSessionState, summarizer: Summarizer = offlineSummarizer): Promise<LeadSessionState> {
  const s = structuredClone(state);
  const { markdown, cost_micro_usd } = await summarizer.summarize(s.graph, s.lead, { toolLog: s.toolLog, stopReason: s.stopReason });
  s.graph.summary_markdown = markdown;
  s.summaryCogs += cost_micro_usd;
  s.cogs += cost_micro_usd;
  return s;
}

/** Waves of rounds until a stop condition, then the summary. What the LeadSession DO calls. */
export async function runSession(state: LeadSessionState, tools: Tools, opts: RunOptions = {}): Promise<LeadSessionState> {
  let s = state.status === "running" ? state : { ...structuredClone(state), status: "running" as const, stopReason: null };
  while (s.status === "running") s = await runWave(s, tools, opts);
  return summarize(s, opts.summarizer);
}
