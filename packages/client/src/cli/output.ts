// What the CLI prints: JSON (default for enrich, and everything with --json) or short readable text
// and tables (--pretty). No colour: output is often piped, and a table reads fine without it.

export function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "(none)";
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join(", ") : String(v));
  const widths = cols.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]) => vals.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(cols.map((c) => c.toUpperCase())), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n");
}

const values = (list: any[] | undefined, pick: (v: any) => unknown) => (list ?? []).map((x) => pick(x?.value ?? x)).filter(Boolean);

/** An enrichment answer as tables: people (phone, person, email), a business (websearch), a lead graph. */
export function prettyEnrichment(res: any): string {
  const out: string[] = [];
  out.push(`matched: ${res.matched ? "yes" : "no"}`);
  const data = res.data ?? {};
  if (Array.isArray(data.people) && data.people.some((p: any) => p?.names)) {
    out.push(
      table(
        data.people.map((p: any) => ({
          name: values(p.names, (v) => v.full)[0],
          age: p.age_range?.value ? `${p.age_range.value.min}-${p.age_range.value.max}` : "",
          phones: values(p.phones, (v) => `${v.e164 ?? v.number ?? ""}${v.line_type ? ` (${v.line_type})` : ""}`).slice(0, 3),
          emails: values(p.emails, (v) => v.address ?? v.email).slice(0, 2),
          address: values(p.addresses, (v) => v.full)[0],
        })),
      ),
    );
  } else if (res.metadata?.query_mode === "websearch" || Array.isArray(data.sources)) {
    if (data.business_name) out.push(`business: ${data.business_name}`);
    out.push("phones:\n" + table(values(data.phones, (v) => v).map((v: any) => ({ phone: v.e164, label: v.label }))));
    out.push("people:\n" + table(values(data.people, (v) => v).map((v: any) => ({ name: v.name, title: v.title }))));
    out.push("addresses:\n" + table(values(data.addresses, (v) => v).map((v: any) => ({ address: v.full, label: v.label }))));
    out.push("sources:\n" + table((data.sources ?? []).map((s: any) => ({ url: s.url, title: s.title }))));
  } else if (res.graph) {
    out.push(`rounds: ${res.rounds_used}`);
    out.push("phones:\n" + table((res.graph.phones ?? []).map((p: any) => ({ phone: p.e164 ?? p.value?.e164 ?? p.number, line_type: p.line_type, label: p.label }))));
    out.push("contacts:\n" + table((res.graph.contacts ?? []).map((c: any) => ({ name: c.name ?? c.value?.name, title: c.title, role: c.role }))));
    if (res.graph.summary_markdown) out.push(res.graph.summary_markdown);
  }
  const b = res.billing;
  if (b) out.push(`charged $${b.charged_usd.toFixed(2)} (${b.mode})${b.balance_after_usd !== null && b.balance_after_usd !== undefined ? `, balance $${b.balance_after_usd.toFixed(2)}` : ""}${b.x402_transaction ? `, tx ${b.x402_transaction}` : ""}`);
  return out.join("\n\n");
}
