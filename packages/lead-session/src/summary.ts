import type { Micros } from "@411data/core";
import type { ContactNode, LeadGraph, PhoneNode } from "./graph-schema.ts";
import { leadDisplayName, type NormalizedLead } from "./lead.ts";
import { link, md, pct, phoneDisplay } from "./format.ts";
import type { StopReason, ToolLogEntry } from "./state.ts";

export type SummaryContext = { toolLog?: ToolLogEntry[]; stopReason?: StopReason | null };

/** Writes summary_markdown. An LLM-backed one books its cost as session COGS. */
export interface Summarizer {
  summarize(graph: LeadGraph, lead: NormalizedLead, ctx?: SummaryContext): Promise<{ markdown: string; cost_micro_usd: Micros }>;
}

const DECISION = /owner|president|ceo|chief executive|principal|founder|proprietor|partner|member/i;

function isDecisionMaker(c: ContactNode): boolean {
  return c.roles.some((r) => DECISION.test(r.title ?? "")) || DECISION.test(c.employment?.job_title ?? "");
}

/** Best number to call: the lead person's or a decision maker's, confirmed, mobile over landline. */
export function bestPhone(graph: LeadGraph, lead: NormalizedLead): PhoneNode | null {
  const score = (p: PhoneNode): number => {
    const owners = graph.contacts.filter((c) => p.contact_ids.includes(c.id));
    let s = p.confidence;
    if (p.from_lead || p.e164 === lead.phone) s += 0.15;
    if (owners.some((c) => c.is_lead_person)) s += 0.25;
    else if (owners.some(isDecisionMaker)) s += 0.2;
    else if (p.entity_ids.length > 0) s += 0.1;
    if (p.line_type === "mobile") s += 0.05;
    if (p.line_type === "unknown") s -= 0.02;
    return s;
  };
  let best: PhoneNode | null = null;
  for (const p of graph.phones) if (!best || score(p) > score(best)) best = p;
  return best;
}

function tools(n: { provenance: { tool: string; round: number; seeded_from?: string | null | undefined }[] }): string {
  const seen = new Set<string>();
  for (const p of n.provenance) seen.add(p.tool === "warm_seed" ? `${p.seeded_from ?? "earlier"} (cached)` : `${p.tool} r${p.round}`);
  return [...seen].join(", ");
}

function contactLine(c: ContactNode, withName = true): string {
  const bits = withName ? [`**${md(c.full_name)}**`] : [];
  if (c.age_range) bits.push(c.age_range.min === c.age_range.max ? `age ${c.age_range.min}` : `age ${c.age_range.min}–${c.age_range.max}`);
  const roles = c.roles.map((r) => r.title).filter((t): t is string => !!t);
  if (roles.length) bits.push(md([...new Set(roles)].join(", ")));
  else if (c.employment?.job_title) bits.push(md(c.employment.job_title + (c.employment.company_name ? ` at ${c.employment.company_name}` : "")));
  if (c.is_dead) bits.push("reported deceased");
  return bits.join(" — ");
}

function personBlock(c: ContactNode, graph: LeadGraph): string[] {
  const lines = [`#### ${md(c.full_name)}${c.is_lead_person ? " (the lead)" : ""}`, ""];
  const raw = contactLine(c, false);
  const facts = raw.charAt(0).toUpperCase() + raw.slice(1);
  lines.push(`- ${facts ? `${facts} · ` : ""}confidence ${pct(c.confidence)}`);
  if (c.aliases.length) lines.push(`- Also known as: ${c.aliases.map(md).join(", ")}`);
  if (c.phones.length) {
    lines.push(`- Phones: ${[...c.phones].sort((a, b) => b.confidence - a.confidence).map((p) => `${phoneDisplay(p.e164)} (${p.line_type}, ${pct(p.confidence)})`).join("; ")}`);
  }
  if (c.emails.length) lines.push(`- Emails: ${c.emails.map((e) => `${md(e.email)} (${pct(e.confidence)})`).join("; ")}`);
  if (c.addresses.length) {
    const byKey = new Map<string, { full: string; kinds: string[] }>();
    for (const a of c.addresses) {
      const x = byKey.get(a.key) ?? { full: a.full, kinds: [] };
      x.kinds.push(a.kind);
      byKey.set(a.key, x);
    }
    lines.push(`- Addresses: ${[...byKey.values()].map((a) => `${md(a.full)} (${a.kinds.join(", ")})`).join("; ")}`);
  }
  for (const r of c.roles) {
    const e = graph.entities.find((x) => x.id === r.entity_id);
    if (e) lines.push(`- Role: ${md(r.title ?? "associated")} at ${md(e.name)}`);
  }
  if (c.relatives.length) lines.push(`- Relatives / associates: ${c.relatives.slice(0, 6).map(md).join(", ")}`);
  lines.push(`- Found by: ${tools(c)}`, "");
  return lines;
}

function notes(graph: LeadGraph, lead: NormalizedLead, ctx: SummaryContext): string[] {
  const out: string[] = [];
  if (lead.company_kind === "person") out.push(`The lead's company field ("${md(lead.company ?? "")}") is a person's name, so the session hunted a person rather than a business.`);
  if (lead.phone) {
    const p = graph.phones.find((x) => x.e164 === lead.phone);
    const owners = p ? graph.contacts.filter((c) => p.contact_ids.includes(c.id)).map((c) => md(c.full_name)) : [];
    const biz = p ? graph.entities.filter((e) => p.entity_ids.includes(e.id)).map((e) => md(e.name)) : [];
    if (!p) out.push(`The lead's phone ${phoneDisplay(lead.phone)} was not confirmed by any lookup.`);
    else out.push(`The lead's phone ${phoneDisplay(lead.phone)} (${p.line_type}) is tied to ${[...owners, ...biz].join(", ") || "no named person"}.`);
  }
  if (lead.person_name && !graph.contacts.some((c) => c.is_lead_person)) out.push(`No record was found for ${md(lead.person_name)}.`);
  const weak = graph.contacts.filter((c) => c.confidence < 0.6);
  if (weak.length) out.push(`Low-confidence matches (under 60%): ${weak.map((c) => md(c.full_name)).join(", ")}; verify before use.`);
  const webOnly = graph.contacts.filter((c) => c.vendor_ids.length === 0);
  if (webOnly.length) out.push(`Named on the web only (no person-record match yet): ${webOnly.map((c) => md(c.full_name)).join(", ")}.`);
  const errors = (ctx.toolLog ?? []).filter((t) => t.outcome === "error");
  if (errors.length) out.push(`${errors.length} lookup${errors.length > 1 ? "s" : ""} failed (${[...new Set(errors.map((e) => `${e.vendor ?? e.tool}: ${e.error?.reason ?? "error"}`))].join(", ")}); results may be incomplete.`);
  if ([...graph.phones, ...graph.contacts, ...graph.entities].some((n) => n.provenance.some((p) => p.tool === "warm_seed"))) {
    out.push("Some facts were reused from a recent session on the same lead (marked cached).");
  }
  const stop: Record<StopReason, string> = {
    max_rounds: "the round limit was reached", budget: "the budget could not pay another lookup",
    exhausted: "no useful lookup was left", time_limit: "the time limit was reached", aborted: "the session was cancelled",
  };
  if (ctx.stopReason) out.push(`The session stopped because ${stop[ctx.stopReason]}.`);
  return out;
}

/** Deterministic markdown from the graph alone: no network, no cost. */
export function renderSummary(graph: LeadGraph, lead: NormalizedLead, ctx: SummaryContext = {}): string {
  const title = leadDisplayName(lead);
  const where = [lead.city, lead.state].filter(Boolean).join(", ");
  const lines: string[] = [`## ${md(title)}${where ? ` — ${md(where)}` : ""}`, ""];
  if (graph.phones.length + graph.contacts.length + graph.entities.length === 0) {
    lines.push("No match: none of the lookups found a phone, person or business for this lead.", "");
    const n = notes(graph, lead, ctx);
    if (n.length) lines.push("### Notes", "", ...n.map((x) => `- ${x}`), "");
    return lines.join("\n").trimEnd() + "\n";
  }

  const leadPeople = graph.contacts.filter((c) => c.is_lead_person);
  const deciders = graph.contacts.filter((c) => !c.is_lead_person && isDecisionMaker(c));
  const entity = graph.entities[0];
  const best = bestPhone(graph, lead);
  lines.push("### At a glance", "");
  const who = [...leadPeople, ...deciders].slice(0, 3);
  if (who.length) lines.push(`- **Who:** ${who.map((c) => contactLine(c)).join("; ")}`);
  if (entity) {
    const addr = entity.addresses[0]?.full;
    lines.push(`- **What:** ${md(entity.name)}${entity.state ? ` (${entity.state})` : ""}, a business${addr ? ` at ${md(addr)}` : ""}`);
  }
  const home = leadPeople[0]?.addresses.find((a) => a.kind === "current") ?? leadPeople[0]?.addresses[0] ?? entity?.addresses[0];
  if (home) lines.push(`- **Where:** ${md(home.full)}${home.kind !== "business" ? ` (${home.kind})` : ""}`);
  if (best) {
    const owner = graph.contacts.find((c) => best.contact_ids.includes(c.id))?.full_name ?? graph.entities.find((e) => best.entity_ids.includes(e.id))?.name;
    lines.push(`- **Best phone:** ${phoneDisplay(best.e164)} — ${best.line_type === "unknown" ? "line type unknown" : best.line_type}${owner ? `, ${md(owner)}` : ""}${best.from_lead ? ", matches the lead's number" : ""} (confidence ${pct(best.confidence)})`);
  }
  const emails = [...leadPeople, ...deciders].flatMap((c) => c.emails).sort((a, b) => b.confidence - a.confidence);
  if (emails[0]) lines.push(`- **Best email:** ${md(emails[0].email)} (confidence ${pct(emails[0].confidence)})`);
  lines.push("");

  for (const e of graph.entities) {
    lines.push(`### Business: ${md(e.name)}`, "");
    if (e.addresses.length) lines.push(`- Address: ${e.addresses.map((a) => md(a.full)).join("; ")}`);
    if (e.phones.length) lines.push(`- Phones: ${e.phones.map((p) => `${phoneDisplay(p.e164)}${p.label ? ` (${md(p.label)})` : ""}`).join("; ")}`);
    if (e.people.length) lines.push(`- People: ${e.people.map((p) => `${md(p.name)}${p.title ? ` — ${md(p.title)}` : ""}`).join("; ")}`);
    if (e.legal_associates.length) lines.push(`- Filings: ${e.legal_associates.map((l) => `${md(l.name)}${l.role ? ` (${md(l.role)})` : ""}`).join("; ")}`);
    lines.push(`- Confidence ${pct(e.confidence)} · found by ${tools(e)}`, "");
  }

  const ordered = [...leadPeople, ...deciders, ...graph.contacts.filter((c) => !leadPeople.includes(c) && !deciders.includes(c))];
  if (ordered.length) {
    lines.push("### People", "");
    for (const c of ordered.slice(0, 6)) lines.push(...personBlock(c, graph));
    const rest = ordered.slice(6);
    if (rest.length) lines.push(`Also found: ${rest.map((c) => md(c.full_name)).join(", ")}.`, "");
  }

  if (graph.phones.length) {
    lines.push("### Phones", "", "| Phone | Type | Belongs to | Confidence | Found by |", "| --- | --- | --- | --- | --- |");
    const sorted = [...graph.phones].sort((a, b) => (a === best ? -1 : b === best ? 1 : b.confidence - a.confidence));
    for (const p of sorted) {
      const owners = [
        ...graph.contacts.filter((c) => p.contact_ids.includes(c.id)).map((c) => md(c.full_name)),
        ...graph.entities.filter((e) => p.entity_ids.includes(e.id)).map((e) => md(e.name)),
      ];
      lines.push(`| ${phoneDisplay(p.e164)}${p.from_lead ? " (lead)" : ""} | ${p.line_type} | ${owners.join(", ") || "—"} | ${pct(p.confidence)} | ${tools(p)} |`);
    }
    lines.push("");
  }

  const n = notes(graph, lead, ctx);
  if (n.length) lines.push("### Confidence notes", "", ...n.map((x) => `- ${x}`), "");

  const vendors = new Map<string, number>();
  for (const t of ctx.toolLog ?? []) if (t.vendor && t.outcome !== "error") vendors.set(t.vendor, (vendors.get(t.vendor) ?? 0) + 1);
  const urls = graph.entities.flatMap((e) => e.sources);
  if (vendors.size || urls.length) {
    lines.push("### Sources", "");
    for (const [v, count] of vendors) lines.push(`- ${md(v)}: ${count} lookup${count > 1 ? "s" : ""}`);
    for (const u of urls) lines.push(`- ${link(u.url, u.title)}`);
    lines.push("");
  }
  return lines.join("\n").trimEnd() + "\n";
}

export const offlineSummarizer: Summarizer = {
  summarize: async (graph, lead, ctx) => ({ markdown: renderSummary(graph, lead, ctx), cost_micro_usd: 0 }),
};
