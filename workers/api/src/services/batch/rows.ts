import { ApiError, catalogEntry, type Micros } from "@411data/core";
import { type NormalizedLead, parseLeadSessionRequest, safeParseLead } from "@411data/lead-session";
import type { z } from "zod";
import { PersonBody } from "../../schemas/person.ts";
import { normalizePhone, PhoneBody } from "../../schemas/phone.ts";
import { WebsearchBody } from "../../schemas/websearch.ts";
import { personQuery } from "../lookup.ts";
import { leadValidationError } from "../lead-session/run.ts";
import type { BatchRoute, RowError, UploadRoute } from "./batch.ts";

// One CSV row → what its route would accept as a request body, validated with that route's own
// schema, so a row is billed and answered exactly like the sync call it stands for. Columns are
// read like a lead session's free-form row (any casing and spacing, the same aliases); a caller's
// mapping renames columns first.

const websearch = catalogEntry("enrich.websearch");
const session = catalogEntry("enrich.lead_session");

export type RowPlan =
  | {
      ok: true;
      route: BatchRoute;
      /** The route's validated body, as the runner reads it back. */
      payload: unknown;
      /** The most the row may charge: the route's price, or its ceiling on metered routes. */
      max: Micros;
      /** What it costs if it matches at the route's price (the estimate). */
      price: Micros;
      /** The first of contact_id, lower-cased email, E.164 phone the row has (rows with the same key are duplicates); null when none. */
      dedupeKey: string | null;
    }
  | { ok: false; error: RowError };

/** The row as a record of column → cell, with the caller's mapping applied (mapped names win). */
export function rowRecord(header: readonly string[], cells: readonly string[], mapping: Record<string, string> | null): Record<string, string> {
  const record: Record<string, string> = {};
  const mappedFrom = new Set(Object.values(mapping ?? {}).map((c) => c.toLowerCase()));
  header.forEach((name, i) => {
    if (!mappedFrom.has(name.toLowerCase()) && name !== "") record[name] = cells[i] ?? "";
  });
  for (const [field, column] of Object.entries(mapping ?? {})) {
    const i = header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (i >= 0) record[field] = cells[i] ?? "";
  }
  return record;
}

export function planRow(route: UploadRoute, record: Record<string, string>): RowPlan {
  const parsed = safeParseLead(record);
  if (!parsed.ok) return invalid("VALIDATION_FAILED", parsed.error.message, parsed.error.issues);
  const lead = parsed.lead;
  const chosen = route === "auto" ? autoRoute(lead) : route;
  if (!chosen) return invalid("VALIDATION_FAILED", "the row has no phone, person name or business name to look up");
  try {
    return { ok: true, ...build(chosen, lead, record), dedupeKey: dedupeKey(lead) };
  } catch (err) {
    if (err instanceof ApiError) return invalid(err.code, err.message, err.details);
    throw err;
  }
}

/** `auto`: the cheapest route the row can run: a phone, else a person by name, else the business. */
function autoRoute(lead: NormalizedLead): BatchRoute | null {
  if (lead.phone) return "enrich/phone";
  if (lead.person_name) return "enrich/person";
  if (lead.business_name) return "enrich/websearch";
  return null;
}

function build(route: BatchRoute, lead: NormalizedLead, record: Record<string, string>): Omit<Extract<RowPlan, { ok: true }>, "ok" | "dedupeKey"> {
  switch (route) {
    case "enrich/phone": {
      if (!lead.phone) throw new ApiError("INVALID_PHONE", lead.warnings[0] ?? "the row has no phone number");
      const body = validate(PhoneBody, { phone: lead.phone });
      const price = catalogEntry("enrich.phone").price;
      return { route, payload: { phone: normalizePhone(body.phone) }, max: price, price };
    }
    case "enrich/person": {
      const body = validate(PersonBody, compact({
        name: lead.person_name,
        city: lead.city,
        state_code: lead.state,
        street: lead.street,
        zip: lead.zip,
        phone: lead.phone,
      }));
      personQuery(body); // a phone it cannot look up is the route's own 400
      const price = catalogEntry("enrich.person").price;
      return { route, payload: body, max: price, price };
    }
    case "enrich/websearch": {
      const body = validate(WebsearchBody, compact({
        business_name: lead.business_name ?? lead.company,
        city: lead.city,
        state: lead.state,
        domain: record.domain ?? record.website,
        max_usd: record.max_usd,
      }));
      return { route, payload: body, max: body.max_usd ?? websearch.ceiling!.default, price: websearch.price };
    }
    case "enrich/lead-session": {
      let request;
      try {
        request = parseLeadSessionRequest(compact({ lead: record, budget_usd: record.budget_usd }), { maxBudget: session.ceiling!.max });
      } catch (err) {
        leadValidationError(err);
      }
      if (request.budget < session.price) {
        throw new ApiError("VALIDATION_FAILED", `budget_usd must be at least ${session.price / 1e6} (the base price)`);
      }
      return { route, payload: request, max: request.budget, price: session.price };
    }
  }
}

function dedupeKey(lead: NormalizedLead): string | null {
  if (lead.contact_id) return `contact_id:${lead.contact_id}`;
  if (lead.email) return `email:${lead.email.toLowerCase()}`;
  if (lead.phone) return `phone:${lead.phone}`;
  return null;
}

function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ApiError("VALIDATION_FAILED", `${issue.path.join(".") || "row"}: ${issue.message}`, {
    details: r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}

/** Drops empty cells, so an optional column left blank reads as absent rather than as "". */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ""));
}

function invalid(code: RowError["code"], message: string, details?: unknown): RowPlan {
  return { ok: false, error: { code, message, ...(details === undefined ? {} : { details }) } };
}
