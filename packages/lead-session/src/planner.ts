import { mulBps, type Micros } from "@411data/core";
import { samePersonName, sameAddress } from "./keys.ts";
import type { ContactNode, EntityNode, ToolName } from "./graph-schema.ts";
import type { LeadSessionState, PlannerHint } from "./state.ts";
import { toolKey, type ToolInput, type ToolPrices } from "./tools.ts";

// The round planner: deterministic code, not an LLM. Each candidate is a tool+input that would
// fill a gap in the graph, scored by how much it is likely to add; tried inputs never come back.

export type PlannedStep = {
  tool: ToolName;
  input: ToolInput;
  key: string;
  priority: number;
  reason: string;
  /** Whom the step is about; hints boost by target ("owner" → decision makers). */
  target: "lead" | "decision_maker" | "associate" | "household" | "business" | "other";
  estimated_cost_micro_usd: Micros;
};

const DECISION_TITLE = /owner|president|ceo|chief executive|principal|founder|proprietor|partner|member|manager of|managing/i;

function hunted(c: ContactNode | undefined): boolean {
  return !!c && c.vendor_ids.length > 0;
}

function placeOf(e: EntityNode, s: LeadSessionState): { city?: string; state_code?: string } {
  const a = e.addresses.find((x) => x.city || x.state_code);
  const city = a?.city ?? s.lead.city ?? undefined;
  const st = a?.state_code ?? e.state ?? s.lead.state ?? undefined;
  return { ...(city ? { city } : {}), ...(st ? { state_code: st } : {}) };
}

/** Every useful next step, best first. Ignores rounds and budget; the session applies those. */
export function planCandidates(state: LeadSessionState, prices: ToolPrices = state.pricing.tools): PlannedStep[] {
  const { lead, graph } = state;
  const tried = new Set(state.triedKeys);
  const out = new Map<string, PlannedStep>();
  const add = (input: ToolInput, priority: number, reason: string, target: PlannedStep["target"]): void => {
    const key = toolKey(input);
    if (tried.has(key)) return;
    const prev = out.get(key);
    if (prev && prev.priority >= priority) return;
    out.set(key, { tool: input.tool, input, key, priority, reason, target, estimated_cost_micro_usd: prices[input.tool] });
  };
  const city = lead.city ?? undefined;
  const st = lead.state ?? undefined;
  const leadPlace = { ...(city ? { city } : {}), ...(st ? { state_code: st } : {}) };

  if (lead.business_name && !graph.entities.some((e) => e.provenance.some((p) => p.tool === "websearch" || p.seeded_from === "websearch"))) {
    add({ tool: "websearch", query: { business_name: lead.business_name, ...(city ? { city } : {}), ...(st ? { state: st } : {}) } }, 100,
      "research the business on the web: phones, owners, addresses, filings", "business");
  }

  if (lead.person_name) {
    const known = graph.contacts.some((c) => c.is_lead_person && hunted(c));
    add({ tool: "person_by_name", query: { name: lead.person_name, ...leadPlace } }, known ? 35 : 90,
      known ? "re-check the lead's person by name" : "find the lead's person by name and place", "lead");
  }

  if (lead.phone) {
    const node = graph.phones.find((p) => p.e164 === lead.phone);
    const confirmed = !!node && node.contact_ids.length > 0;
    add({ tool: "reverse_phone", phone: lead.phone }, confirmed ? 30 : 80,
      confirmed ? "see who else answers the lead's number" : "find who answers the lead's phone number", "lead");
  }
  for (const p of lead.other_phones) add({ tool: "reverse_phone", phone: p }, 50, "find who answers the lead's other number", "lead");

  for (const e of graph.entities) {
    const people = [...e.people.map((p) => ({ name: p.name, title: p.title })), ...e.legal_associates.map((l) => ({ name: l.name, title: l.role }))];
    let rank = 0;
    for (const p of people) {
      const c = graph.contacts.find((x) => [x.full_name, ...x.aliases].some((n) => samePersonName(n, p.name)));
      if (!c || hunted(c)) continue;
      const decision = DECISION_TITLE.test(p.title ?? "");
      const place = placeOf(e, state);
      const local: ToolInput = { tool: "person_by_name", query: { name: p.name, ...place } };
      const target = decision ? "decision_maker" : "associate";
      add(local, decision ? 70 - rank : 40 - rank, `find ${p.name}${p.title ? ` (${p.title})` : ""} of ${e.name}: phones, email, home address`, target);
      // People often live outside the town their business is in: widen to the state once.
      if (tried.has(toolKey(local)) && place.city && place.state_code) {
        add({ tool: "person_by_name", query: { name: p.name, state_code: place.state_code } }, decision ? 30 : 15,
          `find ${p.name} anywhere in ${place.state_code} (not found in ${place.city})`, target);
      }
      rank++;
    }
  }

  if (lead.street) {
    const leadAddr = { line1: lead.street, city: lead.city, state_code: lead.state, zip: lead.zip };
    const someoneThere = graph.contacts.some((c) => c.addresses.some((a) => sameAddress(a, leadAddr)));
    add({ tool: "person_by_address", query: { street: lead.street, ...leadPlace, ...(lead.zip ? { zipcode: lead.zip } : {}) } },
      someoneThere ? 25 : 60, someoneThere ? "list everyone at the lead's address" : "find who lives or works at the lead's address", "household");
  }

  for (const ph of graph.phones) {
    if (ph.e164 === lead.phone) continue;
    const contacts = graph.contacts.filter((c) => ph.contact_ids.includes(c.id));
    const ofLead = contacts.some((c) => c.is_lead_person);
    const priority = ph.entity_ids.length > 0 ? 50 : ofLead ? (ph.line_type === "mobile" ? 55 : 45) : 20;
    const who = contacts[0]?.full_name ?? graph.entities.find((e) => ph.entity_ids.includes(e.id))?.name;
    add({ tool: "reverse_phone", phone: ph.e164 }, priority, `confirm who answers ${ph.e164}${who ? ` (found for ${who})` : ""}`,
      ph.entity_ids.length > 0 ? "business" : ofLead ? "lead" : "other");
  }

  if (lead.email) {
    const known = graph.contacts.some((c) => c.emails.some((e) => e.email === lead.email));
    add({ tool: "person_by_email", email: lead.email }, known ? 20 : 55, "find the person behind the lead's email", "lead");
  }

  if (state.catalogEnabled) {
    const e = graph.entities[0];
    const name = e?.name ?? lead.business_name;
    if (name) {
      add({ tool: "company", query: { business_name: name, ...(city ? { city } : {}), ...((e?.state ?? st) ? { state: (e?.state ?? st) as string } : {}) } }, 65,
        "company firmographics for the business", "business");
    }
  }

  applyHints(state, state.hints, add, out, leadPlace);
  return [...out.values()].sort((a, b) => b.priority - a.priority);
}

function applyHints(
  state: LeadSessionState,
  hints: PlannerHint[],
  add: (input: ToolInput, priority: number, reason: string, target: PlannedStep["target"]) => void,
  out: Map<string, PlannedStep>,
  leadPlace: { city?: string; state_code?: string },
): void {
  const boost = (pred: (s: PlannedStep) => boolean, by: number): void => {
    for (const s of out.values()) if (pred(s)) s.priority += by;
  };
  for (const h of hints) {
    if (h.kind === "reverse_phone") add({ tool: "reverse_phone", phone: h.phone }, 200, `you asked to reverse ${h.phone}`, "other");
    else if (h.kind === "email") add({ tool: "person_by_email", email: h.email }, 195, `you asked about ${h.email}`, "other");
    else if (h.kind === "person") {
      const c = state.graph.contacts.find((x) => [x.full_name, ...x.aliases].some((n) => samePersonName(n, h.name)));
      // Already hunted by name: their numbers are the way to learn more.
      if (c) boost((s) => s.tool === "reverse_phone" && c.phones.some((p) => s.input.tool === "reverse_phone" && p.e164 === s.input.phone), 60);
      const a = c?.addresses.find((x) => x.kind === "current") ?? c?.addresses[0];
      const place = a ? { ...(a.city ? { city: a.city } : {}), ...(a.state_code ? { state_code: a.state_code } : {}) } : leadPlace;
      add({ tool: "person_by_name", query: { name: h.name, ...place } }, 190, `you asked about ${h.name}`, "other");
      boost((s) => s.input.tool === "person_by_name" && samePersonName(s.input.query.name, h.name), 150);
    } else if (h.kind === "business") {
      add({ tool: "websearch", query: { business_name: h.name, ...(leadPlace.city ? { city: leadPlace.city } : {}), ...(leadPlace.state_code ? { state: leadPlace.state_code } : {}) } }, 180, `you asked to research ${h.name}`, "business");
    } else if (h.focus === "phone") boost((s) => s.tool === "reverse_phone" || s.tool === "person_by_name", 40);
    else if (h.focus === "owner") boost((s) => s.tool === "websearch" || s.target === "decision_maker", 60);
    else if (h.focus === "address") boost((s) => s.tool === "person_by_address", 80);
    else if (h.focus === "email") boost((s) => s.tool === "person_by_email" || s.tool === "person_by_name", 50);
    else if (h.focus === "company") boost((s) => s.tool === "company" || s.tool === "websearch", 60);
    else if (h.focus === "business") boost((s) => s.tool === "websearch", 60);
  }
}

/** The single best next step, or null when nothing useful is left (budget not considered). */
export function planNextTool(state: LeadSessionState, prices: ToolPrices = state.pricing.tools): PlannedStep | null {
  return planCandidates(state, prices)[0] ?? null;
}

/**
 * Billing charges max(base, cogs × margin) capped at the budget, so a step is affordable while our
 * cost after it (plus the closing summary), marked up, still fits the budget.
 */
export function canAfford(state: LeadSessionState, estimate: Micros): boolean {
  return mulBps(state.cogs + estimate + state.pricing.summary, state.pricing.marginBps) <= state.budget;
}
