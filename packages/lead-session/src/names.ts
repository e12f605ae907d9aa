import { words } from "./keys.ts";

// CRM "company" columns routinely hold a sole proprietor's own name ("JOSEPH B MANNO"). Sending a
// person's name to business web research wastes a paid round, so the lead is read first.

export type NameKind = "person" | "business" | "unknown";

const LEGAL_FORMS = new Set([
  "INC", "INCORPORATED", "LLC", "CO", "CORP", "CORPORATION", "COMPANY", "LTD", "LIMITED", "LP", "LLP",
  "PLLC", "PC", "PLC", "GMBH", "DBA", "HOLDINGS", "ENTERPRISES", "ASSOCIATES", "PARTNERS",
]);

// Words that name a trade or a kind of place; a person is rarely called any of these.
const BUSINESS_WORDS = new Set([
  "AUTO", "AUTOMOTIVE", "BAKERY", "BANK", "BAR", "BARBER", "BODY", "BUILDERS", "CAFE", "CARE", "CARPET",
  "CENTER", "CENTRE", "CHURCH", "CLEANERS", "CLEANING", "CLINIC", "CONSTRUCTION", "CONSULTING",
  "CONTRACTING", "CONTRACTORS", "DELI", "DENTAL", "DESIGN", "DINER", "ELECTRIC", "ELECTRICAL",
  "ENGINEERING", "EXCAVATING", "FARM", "FARMS", "FITNESS", "FLOORING", "FLORIST", "FOODS", "FUNERAL",
  "FURNITURE", "GARAGE", "GRILL", "GROUP", "HARDWARE", "HEATING", "HOME", "HOMES", "HOSPITAL", "HOTEL",
  "INDUSTRIES", "INSURANCE", "INN", "INTERNATIONAL", "LANDSCAPING", "LAW", "LAWN", "MARKET", "MARKETING",
  "MASONRY", "MEDICAL", "MOTORS", "MOTEL", "NURSERY", "OFFICE", "PAINTING", "PHARMACY", "PIZZA",
  "PLUMBING", "PRODUCTS", "PROPERTIES", "REALTY", "REPAIR", "RESTAURANT", "ROOFING", "SALES", "SALON",
  "SCHOOL", "SERVICE", "SERVICES", "SHOP", "SOLUTIONS", "SPA", "STORE", "STUDIO", "SUPPLY", "SYSTEMS",
  "TAVERN", "TECHNOLOGIES", "TIRE", "TOWING", "TRUCKING", "TRUST", "WINDOW", "WINDOWS", "WORKS",
]);

// A few hundred would be better; these catch the common cases where no middle initial helps.
const FIRST_NAMES = new Set([
  "JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD", "JOSEPH", "THOMAS", "CHARLES",
  "CHRISTOPHER", "DANIEL", "MATTHEW", "ANTHONY", "MARK", "DONALD", "STEVEN", "PAUL", "ANDREW", "JOSHUA",
  "KENNETH", "KEVIN", "BRIAN", "GEORGE", "TIMOTHY", "RONALD", "EDWARD", "JASON", "JEFFREY", "RYAN",
  "JACOB", "GARY", "NICHOLAS", "ERIC", "JONATHAN", "STEPHEN", "LARRY", "JUSTIN", "SCOTT", "BRANDON",
  "BENJAMIN", "SAMUEL", "GREGORY", "FRANK", "RAYMOND", "PATRICK", "JACK", "DENNIS", "JERRY", "WALTER",
  "PETER", "HAROLD", "DOUGLAS", "HENRY", "CARL", "ARTHUR", "ROGER", "JOE", "BOB", "BILL", "JIM", "TOM",
  "MARY", "PATRICIA", "JENNIFER", "LINDA", "ELIZABETH", "BARBARA", "SUSAN", "JESSICA", "SARAH", "KAREN",
  "LISA", "NANCY", "BETTY", "MARGARET", "SANDRA", "ASHLEY", "KIMBERLY", "EMILY", "DONNA", "MICHELLE",
  "DOROTHY", "CAROL", "AMANDA", "MELISSA", "DEBORAH", "STEPHANIE", "REBECCA", "SHARON", "LAURA",
  "CYNTHIA", "KATHLEEN", "AMY", "ANGELA", "SHIRLEY", "ANNA", "BRENDA", "PAMELA", "NICOLE", "HELEN",
  "SAMANTHA", "KATHERINE", "CHRISTINE", "DEBRA", "RACHEL", "CAROLYN", "JANET", "MARIA", "HEATHER",
  "DIANE", "JULIE", "JOYCE", "TERESA", "DORIS", "LORRAINE", "MARJORIE", "GORDON", "DALE", "MARCUS",
]);

/** Person / business / can't tell, from the words alone. */
export function classifyName(name: string): NameKind {
  const raw = name.trim();
  if (!raw) return "unknown";
  if (/[&@/]|\d|\b\w+['’]s\b/i.test(raw)) return "business";
  const w = words(raw);
  if (w.some((x) => LEGAL_FORMS.has(x) || BUSINESS_WORDS.has(x))) return "business";
  if (/^[^,]+,\s*[^,]+$/.test(raw) && w.length >= 2 && w.length <= 4) return "person"; // "MANNO, JOSEPH B"
  if (w.length < 2 || w.length > 4) return w.length > 4 ? "business" : "unknown";
  const hasInitial = w.slice(1, -1).some((x) => x.length === 1) || (w[0]?.length === 1 && w.length >= 3);
  if (hasInitial) return "person";
  if (FIRST_NAMES.has(w[0] ?? "")) return "person";
  return "unknown";
}

/** Display form: "JOSEPH B MANNO" → "Joseph B Manno"; mixed-case input is kept as written. */
export function displayName(name: string): string {
  const t = name.trim().replace(/\s+/g, " ");
  if (t !== t.toUpperCase() && t !== t.toLowerCase()) return t;
  return t.toLowerCase().replace(/(^|[\s\-'’])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
}

/** "Manno, Joseph B" → "Joseph B Manno", so vendors that expect first-last get it. */
export function personNameOrder(name: string): string {
  const m = /^([^,]+),\s*([^,]+)$/.exec(name.trim());
  if (!m || /^(JR|SR|II|III|IV)\.?$/i.test(m[2]?.trim() ?? "")) return name.trim().replace(/\s+/g, " ");
  return `${m[2]?.trim()} ${m[1]?.trim()}`.replace(/\s+/g, " ");
}
