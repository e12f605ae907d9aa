import { mulBps, toUsd, type Micros } from "@411data/core";
import { toE164 } from "@411data/vendors";
import { businessNameKey, samePersonName, words } from "./keys.ts";
import { classifyName } from "./names.ts";
import { canAfford, planCandidates } from "./planner.ts";
import { phoneDisplay } from "./format.ts";
import { runSession, MAX_ROUNDS_LIMIT, type RunOptions } from "./session.ts";
import type { LeadSessionState, PlannerHint } from "./state.ts";
import { describeInput, type ToolInput, type Tools } from "./tools.ts";
import type { ToolName } from "./graph-schema.ts";

// Interactive mode: after the loop, say what more could be done (dig_deeper), in words a person
// can send back (suggested_user_prompts), and turn such a prompt into planner hints.

export type DigDeeperStep = {
  tool: ToolName;
  input: ToolInput;
  description: string;
  reason: string;
  estimated_cost_micro_usd: Micros;
  /** What it would add to the charge at the session margin, in USD (display only). */
  estimated_cost_usd: number;
  /** Whether the remaining budget can pay for it. */
  affordable: boolean;
  /** A follow-up prompt that runs this step. */
  prompt: string;
};

export const DEFAULT_FOLLOWUP_ROUNDS = 2;
export const MAX_PROMPT_LENGTH = 2000;

function promptFor(input: ToolInput): string {
  switch (input.tool) {
    case "reverse_phone":
      return `Reverse ${phoneDisplay(input.phone)}`;
    case "person_by_name":
      return `Find ${input.query.name}${input.query.city ? ` in ${input.query.city}${input.query.state_code ? `, ${input.query.state_code}` : ""}` : ""}`;
    case "person_by_address":
      return `Who lives at ${input.query.street}?`;
    case "person_by_email":
      return `Find the person behind ${input.email}`;
    case "websearch":
      return `Research the business ${input.query.business_name}`;
    case "company":
      return `Get company details for ${input.query.business_name}`;
  }
}

/** Concrete next steps from the gaps left, best first, with their estimated cost. */
export function digDeeper(state: LeadSessionState, limit = 5): DigDeeperStep[] {
  return planCandidates({ ...state, hints: [] })
    .slice(0, limit)
    .map((s) => {
      const marked = mulBps(s.estimated_cost_micro_usd, state.pricing.marginBps);
      return {
        tool: s.tool, input: s.input, description: describeInput(s.input), reason: s.reason,
        estimated_cost_micro_usd: s.estimated_cost_micro_usd, estimated_cost_usd: toUsd(marked),
        affordable: canAfford(state, s.estimated_cost_micro_usd), prompt: promptFor(s.input),
      };
    });
}

/** True when the prompt's hints change what the planner would run next (new step or new order). */
export function promptWouldRun(state: LeadSessionState, prompt: string): boolean {
  const plain = planCandidates({ ...state, hints: [] });
  const hinted = planCandidates({ ...state, hints: parsePrompt(prompt, state) });
  const top = hinted[0];
  if (!top) return false;
  const before = plain.find((s) => s.key === top.key);
  return !before || before.priority < top.priority;
}

/** Plain-language follow-ups; each one parses back into hints that run something useful. */
export function suggestedUserPrompts(state: LeadSessionState, limit = 5): string[] {
  const out: string[] = [];
  const push = (p: string): void => {
    if (!out.includes(p) && promptWouldRun(state, p)) out.push(p);
  };
  const g = state.graph;
  const focus = g.contacts.find((c) => c.is_lead_person) ?? g.contacts.find((c) => c.roles.length > 0);
  if (focus && !focus.phones.some((p) => p.line_type === "mobile")) push(`Find a mobile phone number for ${focus.full_name}`);
  if (focus && focus.emails.length === 0) push(`Find an email address for ${focus.full_name}`);
  const entity = g.entities[0];
  if (entity && !g.contacts.some((c) => c.roles.some((r) => r.entity_id === entity.id) && c.vendor_ids.length > 0)) {
    push(`Who owns ${entity.name}? Find their phone`);
  }
  for (const d of digDeeper(state, limit)) push(d.prompt);
  return out.slice(0, limit);
}

const PHONE_IN_TEXT = /(?:\+?1[\s.-]*)?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}/g;
const EMAIL_IN_TEXT = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[a-z]{2,}/gi;
// Verbs in any case, the name capitalised: "look up Sandra Oakes", "Find Dale Whitcomb in …".
const NAME_AFTER_VERB = /\b(?:[Ff]ind|[Ll]ook ?[Uu]p|[Ss]earch(?: [Ff]or)?|[Hh]unt(?: [Ff]or)?|[Ww]ho [Ii]s|[Aa]bout|[Rr]esearch)\s+((?:[A-Z][A-Za-z'’.-]*\s+){1,3}[A-Z][A-Za-z'’.-]*)/g;

function mentions(prompt: string, name: string): boolean {
  const p = ` ${words(prompt).join(" ")} `;
  const w = words(name);
  const first = w[0];
  const last = w[w.length - 1];
  return !!first && !!last && w.length >= 2 && p.includes(` ${first} `) && p.includes(` ${last} `);
}

/** Prompt → planner hints: numbers to reverse, emails, people and businesses named, and focus words. */
export function parsePrompt(prompt: string, state: LeadSessionState): PlannerHint[] {
  const text = prompt.slice(0, MAX_PROMPT_LENGTH);
  const hints: PlannerHint[] = [];
  const lower = text.toLowerCase();
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    const e164 = toE164(m[0]);
    if (e164 && !hints.some((h) => h.kind === "reverse_phone" && h.phone === e164)) hints.push({ kind: "reverse_phone", phone: e164 });
  }
  for (const m of text.matchAll(EMAIL_IN_TEXT)) hints.push({ kind: "email", email: m[0].toLowerCase() });

  const g = state.graph;
  const knownPeople = [
    state.lead.person_name, ...g.contacts.flatMap((c) => [c.full_name, ...c.aliases]),
    ...g.entities.flatMap((e) => [...e.people.map((p) => p.name), ...e.legal_associates.map((l) => l.name)]),
  ].filter((n): n is string => !!n && classifyName(n) !== "business");
  const addPerson = (name: string): void => {
    if (!hints.some((h) => h.kind === "person" && samePersonName(h.name, name))) hints.push({ kind: "person", name });
  };
  for (const n of knownPeople) if (mentions(text, n)) addPerson(n);
  const knownBusinesses = [state.lead.business_name, ...g.entities.map((e) => e.name)].filter((n): n is string => !!n);
  const businessMentioned = knownBusinesses.some((b) => lower.includes(businessNameKey(b).toLowerCase()));
  for (const m of text.matchAll(NAME_AFTER_VERB)) {
    const name = m[1]?.trim().replace(/[.?!,]+$/, "") ?? "";
    const kind = classifyName(name);
    if (kind === "business") {
      if (!knownBusinesses.some((b) => businessNameKey(b) === businessNameKey(name))) hints.push({ kind: "business", name });
    } else if (!knownBusinesses.some((b) => businessNameKey(b) === businessNameKey(name))) {
      addPerson(name);
    }
  }

  const focus = (f: Extract<PlannerHint, { kind: "focus" }>["focus"]): void => {
    if (!hints.some((h) => h.kind === "focus" && h.focus === f)) hints.push({ kind: "focus", focus: f });
  };
  if (/\b(phone|number|mobile|cell|call|landline|reverse)\b/.test(lower)) focus("phone");
  if (/\b(owner|owns|decision.?maker|principal|president|ceo|founder|who runs|runs it|officer)\b/.test(lower)) focus("owner");
  if (/\b(address|lives?|living|resident|household|neighbou?rs?|home)\b/.test(lower)) focus("address");
  if (/\b(e-?mail)\b/.test(lower)) focus("email");
  if (/\b(company details|firmographic|revenue|employees|industry)\b/.test(lower)) focus("company");
  if (/\b(research|website|web|online)\b/.test(lower) || businessMentioned) focus("business");
  return hints;
}

export type FollowUpOptions = {
  /** Rounds allowed beyond those used so far (1–10); default: what is left, or 2 more. */
  extraRounds?: number;
  /** A higher budget for the follow-up, µUSD; a lower one is ignored. */
  budget?: Micros;
  now?: Date;
};

/** Records a follow-up prompt and reopens the session; rounds, COGS, graph and tried inputs carry over. */
export function applyFollowUp(state: LeadSessionState, prompt: string, opts: FollowUpOptions = {}): LeadSessionState {
  const s = structuredClone(state);
  const text = prompt.trim().slice(0, MAX_PROMPT_LENGTH);
  const hints = parsePrompt(text, s);
  s.prompts.push({ prompt: text, hints, at: (opts.now ?? new Date()).toISOString(), rounds_before: s.roundsUsed });
  s.hints = hints;
  const left = s.maxRounds - s.roundsUsed;
  const extra = opts.extraRounds ?? (left > 0 ? left : DEFAULT_FOLLOWUP_ROUNDS);
  if (!Number.isInteger(extra) || extra < 1 || extra > MAX_ROUNDS_LIMIT) throw new RangeError(`extra rounds must be an integer from 1 to ${MAX_ROUNDS_LIMIT}`);
  s.maxRounds = s.roundsUsed + extra;
  if (opts.budget !== undefined && Number.isSafeInteger(opts.budget) && opts.budget > s.budget) s.budget = opts.budget;
  s.status = "running";
  s.stopReason = null;
  return s;
}

/** applyFollowUp + runSession: the follow-up turn of an interactive session. */
export async function continueSession(
  state: LeadSessionState,
  prompt: string,
  tools: Tools,
  opts: RunOptions & FollowUpOptions = {},
): Promise<LeadSessionState> {
  return runSession(applyFollowUp(state, prompt, opts), tools, opts);
}
