import type { BusinessQuery, BusinessResearchResult, NormalizedPerson, PersonSearchResult } from "@411data/vendors";
import {
  addressKey, entityKey, parseAddress, personNameKey, sameAddress, samePersonName, splitPersonName,
} from "./keys.ts";
import type { NormalizedLead } from "./lead.ts";
import { classifyName } from "./names.ts";
import type {
  ContactNode, EntityNode, GraphAddress, LeadGraph, NodeProvenance, PhoneNode, ToolName,
} from "./graph-schema.ts";

// Merging vendor answers into the graph. Every node is keyed canonically (E.164, address key,
// vendor person id or name+place, business name+state) so the same fact from two tools or two
// rounds becomes one node with two provenance entries. These functions mutate the graph given.

export type MergeContext = {
  tool: ToolName;
  round: number;
  inputKey: string | null;
  lead: NormalizedLead;
  /** A name search can return dozens of namesakes; beyond the best few they are noise. */
  maxPeople?: number;
};

export type MergeStats = { added: number; updated: number };

export const DEFAULT_MAX_PEOPLE_PER_RESULT = 5;

type ProvInput = { source: string; observed_at: string; confidence: number };

function prov(ctx: MergeContext, p: ProvInput): NodeProvenance {
  return { tool: ctx.tool, round: ctx.round, source: p.source, observed_at: p.observed_at, confidence: p.confidence, input_key: ctx.inputKey };
}

function addProvenance(node: { provenance: NodeProvenance[]; confidence: number }, p: NodeProvenance): void {
  const dup = node.provenance.some(
    (q) => q.tool === p.tool && q.round === p.round && q.source === p.source && q.input_key === p.input_key,
  );
  if (!dup) node.provenance.push(p);
  node.confidence = Math.max(node.confidence, p.confidence);
}

const pushUnique = <T>(list: T[], v: T): void => {
  if (!list.includes(v)) list.push(v);
};

function upsertPhone(
  graph: LeadGraph,
  e164: string,
  lineType: PhoneNode["line_type"],
  p: NodeProvenance,
  link: { contactId?: string; entityId?: string; label?: string | null },
  lead: NormalizedLead,
  stats: MergeStats,
): PhoneNode {
  let node = graph.phones.find((n) => n.e164 === e164);
  if (!node) {
    node = {
      id: `phone:${e164}`, e164, line_type: lineType, labels: [], contact_ids: [], entity_ids: [],
      from_lead: lead.phone === e164 || lead.other_phones.includes(e164), confidence: 0, provenance: [],
    };
    graph.phones.push(node);
    stats.added++;
  } else {
    stats.updated++;
    if (node.line_type === "unknown" && lineType !== "unknown") node.line_type = lineType;
  }
  if (link.contactId) pushUnique(node.contact_ids, link.contactId);
  if (link.entityId) pushUnique(node.entity_ids, link.entityId);
  if (link.label) pushUnique(node.labels, link.label);
  addProvenance(node, p);
  return node;
}

function toGraphAddress(
  a: { full: string; line1?: string | null; city?: string | null; state_code?: string | null; zip?: string | null },
  kind: GraphAddress["kind"],
  label: string | null,
): GraphAddress | null {
  const parsed = a.line1 ? { line1: a.line1, city: a.city ?? null, state_code: a.state_code ?? null, zip: a.zip ?? null } : parseAddress(a.full);
  const key = addressKey(parsed);
  if (!key) return null;
  return { key, full: a.full, ...parsed, kind, label };
}

function addAddress(list: GraphAddress[], a: GraphAddress | null): void {
  if (!a) return;
  const same = list.find((x) => x.key === a.key && x.kind === a.kind);
  if (!same) list.push(a);
}

function statesOf(graph: LeadGraph, c: Pick<ContactNode, "addresses" | "roles">): Set<string> {
  const s = new Set<string>();
  for (const a of c.addresses) if (a.state_code) s.add(a.state_code.toUpperCase());
  for (const r of c.roles) {
    const st = graph.entities.find((e) => e.id === r.entity_id)?.state;
    if (st) s.add(st);
  }
  return s;
}

type ContactProbe = {
  vendor: string | null;
  vendorId: string | null;
  names: string[];
  addresses: GraphAddress[];
  phones: string[];
  states: Set<string>;
};

/**
 * Vendor id first; otherwise the same name plus one shared fact (address or phone). A contact that
 * has no address or phone yet (a name from web research) matches a namesake in the same state.
 */
function findContact(graph: LeadGraph, probe: ContactProbe): ContactNode | undefined {
  if (probe.vendor && probe.vendorId) {
    const byId = graph.contacts.find((c) => c.vendor_ids.some((v) => v.vendor === probe.vendor && v.id === probe.vendorId));
    if (byId) return byId;
  }
  return graph.contacts.find((c) => {
    const names = [c.full_name, ...c.aliases];
    if (!probe.names.some((n) => names.some((m) => samePersonName(n, m)))) return false;
    if (probe.vendor && probe.vendorId && c.vendor_ids.some((v) => v.vendor === probe.vendor)) return false;
    if (c.addresses.some((a) => probe.addresses.some((b) => sameAddress(a, b)))) return true;
    if (c.phones.some((p) => probe.phones.includes(p.e164))) return true;
    const thin = (c.addresses.length === 0 && c.phones.length === 0) || (probe.addresses.length === 0 && probe.phones.length === 0);
    if (!thin) return false;
    const cs = statesOf(graph, c);
    return cs.size === 0 || probe.states.size === 0 || [...probe.states].some((s) => cs.has(s));
  });
}

function newContact(id: string, name: string): ContactNode {
  const parts = splitPersonName(name);
  return {
    id, full_name: name, first: parts.first, middle: parts.middle, last: parts.last, aliases: [], vendor_ids: [],
    phones: [], emails: [], addresses: [], age_range: null, is_dead: null, roles: [], employment: null,
    relatives: [], is_lead_person: false, confidence: 0, provenance: [],
  };
}

function isLeadPerson(c: ContactNode, lead: NormalizedLead): boolean {
  if (!lead.person_name) return false;
  if (![c.full_name, ...c.aliases].some((n) => samePersonName(n, lead.person_name ?? ""))) return false;
  const leadAddr = { line1: lead.street, city: lead.city, state_code: lead.state, zip: lead.zip };
  if (lead.street && c.addresses.some((a) => sameAddress(a, leadAddr))) return true;
  if (lead.phone && c.phones.some((p) => p.e164 === lead.phone)) return true;
  // A bare name (from research on the lead's own business) can't contradict the lead; a namesake
  // with a different address and phone can.
  const thin = c.addresses.length === 0 && c.phones.length === 0;
  return thin || (!lead.street && !lead.phone);
}

function uniqueId(graph: LeadGraph, base: string): string {
  let id = base;
  for (let i = 2; graph.contacts.some((c) => c.id === id); i++) id = `${base}#${i}`;
  return id;
}

function mergePerson(graph: LeadGraph, person: NormalizedPerson, ctx: MergeContext, stats: MergeStats): ContactNode | null {
  const primary = person.names.find((n) => n.value.kind === "primary") ?? person.names[0];
  if (!primary) return null;
  const addresses: GraphAddress[] = [];
  for (const a of person.addresses) addAddress(addresses, toGraphAddress(a.value, a.value.kind, null));
  const phones = person.phones.map((p) => p.value.e164);
  const probe: ContactProbe = {
    vendor: person.vendor, vendorId: person.vendor_id, names: person.names.map((n) => n.value.full),
    addresses, phones, states: new Set(addresses.map((a) => a.state_code ?? "").filter(Boolean)),
  };
  let c = findContact(graph, probe);
  if (!c) {
    const base = person.vendor_id ? `contact:${person.vendor}:${person.vendor_id}` : `contact:name:${personNameKey(primary.value.full)}|${addresses[0]?.key ?? ""}`;
    c = newContact(uniqueId(graph, base), primary.value.full);
    graph.contacts.push(c);
    stats.added++;
  } else {
    stats.updated++;
  }
  const contact = c;
  if (person.vendor_id && !contact.vendor_ids.some((v) => v.vendor === person.vendor && v.id === person.vendor_id)) {
    contact.vendor_ids.push({ vendor: person.vendor, id: person.vendor_id });
  }
  // A vendor's full record beats a bare name from web research for the display name.
  if (contact.vendor_ids.length === 1 && person.vendor_id && contact.full_name !== primary.value.full) {
    if (!contact.aliases.includes(contact.full_name)) contact.aliases.push(contact.full_name);
    contact.full_name = primary.value.full;
    contact.first = primary.value.first;
    contact.middle = primary.value.middle;
    contact.last = primary.value.last;
  }
  for (const n of person.names) {
    if (n.value.full !== contact.full_name) pushUnique(contact.aliases, n.value.full);
  }
  for (const a of addresses) addAddress(contact.addresses, a);
  for (const p of person.phones) {
    const existing = contact.phones.find((x) => x.e164 === p.value.e164);
    if (existing) existing.confidence = Math.max(existing.confidence, p.provenance.confidence);
    else contact.phones.push({ e164: p.value.e164, line_type: p.value.line_type, confidence: p.provenance.confidence });
    upsertPhone(graph, p.value.e164, p.value.line_type, prov(ctx, p.provenance), { contactId: contact.id }, ctx.lead, stats);
  }
  for (const e of person.emails) {
    const email = e.value.toLowerCase();
    const existing = contact.emails.find((x) => x.email === email);
    if (existing) existing.confidence = Math.max(existing.confidence, e.provenance.confidence);
    else contact.emails.push({ email, confidence: e.provenance.confidence });
  }
  if (person.age_range) contact.age_range = { min: person.age_range.value.min, max: person.age_range.value.max };
  if (person.compliance.is_dead) contact.is_dead = person.compliance.is_dead.value;
  if (person.employment) contact.employment = { company_name: person.employment.value.company_name, job_title: person.employment.value.job_title };
  for (const r of person.associated_people) pushUnique(contact.relatives, r.value.name);
  const confidence = person.match_score ?? primary.provenance.confidence;
  addProvenance(contact, prov(ctx, { source: person.vendor, observed_at: primary.provenance.observed_at, confidence }));
  contact.is_lead_person = contact.is_lead_person || isLeadPerson(contact, ctx.lead);
  return contact;
}

/** Merges a person search (reverse phone, name, address, email) into the graph. */
export function mergePersonResult(graph: LeadGraph, result: PersonSearchResult, ctx: MergeContext): MergeStats {
  const stats: MergeStats = { added: 0, updated: 0 };
  const people = [...result.people]
    .sort((a, b) => (b.match_score ?? 0) - (a.match_score ?? 0))
    .slice(0, ctx.maxPeople ?? DEFAULT_MAX_PEOPLE_PER_RESULT);
  for (const p of people) mergePerson(graph, p, ctx, stats);
  return stats;
}

function upsertNamedContact(
  graph: LeadGraph,
  name: string,
  title: string | null,
  entity: EntityNode,
  p: NodeProvenance,
  lead: NormalizedLead,
  stats: MergeStats,
): ContactNode {
  const probe: ContactProbe = { vendor: null, vendorId: null, names: [name], addresses: [], phones: [], states: new Set(entity.state ? [entity.state] : []) };
  let c = findContact(graph, probe);
  if (!c) {
    c = newContact(uniqueId(graph, `contact:name:${personNameKey(name)}|${entity.state ?? ""}`), name);
    graph.contacts.push(c);
    stats.added++;
  } else {
    stats.updated++;
  }
  const role = c.roles.find((r) => r.entity_id === entity.id);
  if (!role) c.roles.push({ entity_id: entity.id, title });
  else if (!role.title && title) role.title = title;
  addProvenance(c, p);
  c.is_lead_person = c.is_lead_person || isLeadPerson(c, lead);
  return c;
}

/** Merges business research (websearch, company) into the graph. A miss adds nothing. */
export function mergeBusinessResult(
  graph: LeadGraph,
  result: BusinessResearchResult,
  ctx: MergeContext & { query: BusinessQuery },
): MergeStats {
  const stats: MergeStats = { added: 0, updated: 0 };
  if (!result.matched) return stats;
  const d = result.data;
  const addresses: GraphAddress[] = [];
  for (const a of d.addresses) addAddress(addresses, toGraphAddress({ full: a.value.full }, "business", a.value.label));
  const state = (ctx.query.state ?? addresses.find((a) => a.state_code)?.state_code ?? null)?.toUpperCase() ?? null;
  const name = d.business_name ?? ctx.query.business_name;
  const key = entityKey(name, state);
  let entity = graph.entities.find((e) => entityKey(e.name, e.state) === key);
  if (!entity) {
    entity = {
      id: `entity:${key}`, name, state, kind: "business", phones: [], addresses: [], people: [], legal_associates: [],
      sources: [], confidence: 0, provenance: [],
    };
    graph.entities.push(entity);
    stats.added++;
  } else {
    stats.updated++;
  }
  const e = entity;
  const observedAt = [...d.phones, ...d.people, ...d.addresses, ...d.legal_associates][0]?.provenance.observed_at ?? new Date().toISOString();
  for (const a of addresses) addAddress(e.addresses, a);
  for (const s of d.sources) if (!e.sources.some((x) => x.url === s.url)) e.sources.push(s);
  for (const ph of d.phones) {
    if (!e.phones.some((x) => x.e164 === ph.value.e164)) e.phones.push({ e164: ph.value.e164, label: ph.value.label });
    upsertPhone(graph, ph.value.e164, "unknown", prov(ctx, ph.provenance), { entityId: e.id, label: ph.value.label }, ctx.lead, stats);
  }
  for (const person of d.people) {
    const known = e.people.find((x) => samePersonName(x.name, person.value.name));
    const isPerson = classifyName(person.value.name) !== "business";
    const contact = isPerson ? upsertNamedContact(graph, person.value.name, person.value.title, e, prov(ctx, person.provenance), ctx.lead, stats) : null;
    if (!known) e.people.push({ name: person.value.name, title: person.value.title, contact_id: contact?.id ?? null });
  }
  for (const l of d.legal_associates) {
    if (!e.legal_associates.some((x) => x.name === l.value.name && x.role === l.value.role)) {
      e.legal_associates.push({ name: l.value.name, role: l.value.role });
    }
    if (classifyName(l.value.name) !== "business" && !/agent/i.test(l.value.role ?? "")) {
      upsertNamedContact(graph, l.value.name, l.value.role, e, prov(ctx, l.provenance), ctx.lead, stats);
    }
  }
  const best = Math.max(0.5, ...[...d.phones, ...d.addresses, ...d.people].map((x) => x.provenance.confidence));
  addProvenance(e, prov(ctx, { source: d.sources[0]?.url ?? result.vendor, observed_at: observedAt, confidence: best }));
  return stats;
}

/** Matched = a tool (now or in a warm-seeded earlier session) found at least one node. */
export function graphMatched(graph: LeadGraph): boolean {
  return graph.phones.length + graph.contacts.length + graph.entities.length > 0;
}

/**
 * Whether this session found anything itself: a node some tool of its own produced or confirmed,
 * not only what a warm seed carried over. A re-run that adds nothing is billed as no match.
 */
export function graphFound(graph: LeadGraph): boolean {
  return [...graph.phones, ...graph.contacts, ...graph.entities].some((n) => n.provenance.some((p) => p.tool !== "warm_seed"));
}

/** Input keys of every tool run that contributed to a graph (for warm seeding). */
export function graphInputKeys(graph: LeadGraph): string[] {
  const keys = new Set<string>();
  for (const n of [...graph.phones, ...graph.contacts, ...graph.entities]) {
    for (const p of n.provenance) if (p.input_key) keys.add(p.input_key);
  }
  return [...keys];
}
