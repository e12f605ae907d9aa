// Reserved inputs that make every sandbox misbehave on purpose, so callers (routes, the
// waterfall, the lead-session loop, benchmarks) can test their fault handling through the real
// adapter code. One scheme for all sandboxes:
//
//   phones:  +1 555-010-0NNN   (E.164 "+155501000NNN"; area code 555 is never assigned)
//   names:   "__vendor_NNN__" / "__vendor_<fault>__" / "__no_match__"
//
// A name token is recognised in any text field (name, first/last name, street, business_name).
//
// Vendor-scoped variants fail in ONE vendor's sandbox only, so a waterfall can be watched falling
// back: +1 555-010-<block>NNN and "__<vendor>_NNN__" (block 1 = whitepages, 2 = peopledatalabs).
// Every other sandbox treats them as ordinary input, and fixture people own the scoped numbers,
// so the next vendor in line answers with a match.

export const FAULTS = [
  "rate_limited", // 429 + Retry-After
  "quota_exhausted", // 429 "Limit Exceeded" / insufficient_quota: not worth retrying
  "forbidden", // 403, as if the key were bad
  "server_error", // 500
  "unavailable", // 503 + Retry-After
  "timeout", // hangs past any sane adapter timeout
  "malformed_json", // 200 with a body that is not JSON
  "schema_violation", // 200 with JSON of the wrong shape
  "no_match", // 200 with an empty answer (still "billed" by the vendor)
] as const;
export type Fault = (typeof FAULTS)[number];

export const RESERVED_PHONES = {
  rate_limited: "+15550100429",
  quota_exhausted: "+15550100402",
  forbidden: "+15550100403",
  server_error: "+15550100500",
  unavailable: "+15550100503",
  timeout: "+15550100408",
  malformed_json: "+15550100001",
  schema_violation: "+15550100002",
  no_match: "+15550100404",
} as const satisfies Record<Fault, string>;

export const RESERVED_NAMES = {
  rate_limited: "__vendor_429__",
  quota_exhausted: "__vendor_quota__",
  forbidden: "__vendor_403__",
  server_error: "__vendor_500__",
  unavailable: "__vendor_503__",
  timeout: "__vendor_timeout__",
  malformed_json: "__vendor_malformed__",
  schema_violation: "__vendor_schema__",
  no_match: "__no_match__",
} as const satisfies Record<Fault, string>;

/** Retry-After the sandboxes send with `rate_limited` and `unavailable`. */
export const RESERVED_RETRY_AFTER_SEC = 7;

const byPhoneDigits = new Map<string, Fault>(
  Object.entries(RESERVED_PHONES).map(([f, p]) => [p.replace(/\D/g, "").slice(-10), f as Fault]),
);
const byName = Object.entries(RESERVED_NAMES).map(([f, n]) => [n, f as Fault] as const);

/** Vendors with a reserved block of their own: the digit after "555-010-" in a scoped number. */
export const SCOPED_FAULT_BLOCKS = { whitepages: "1", peopledatalabs: "2" } as const;
export type ScopedVendor = keyof typeof SCOPED_FAULT_BLOCKS;

/** The number that makes only `vendor`'s sandbox answer with `fault`: +1 555-010-<block><code>. */
export function scopedFaultPhone(vendor: ScopedVendor, fault: Fault): string {
  return `+1555010${SCOPED_FAULT_BLOCKS[vendor]}${RESERVED_PHONES[fault].slice(-3)}`;
}

/** The text token that makes only `vendor`'s sandbox answer with `fault`, e.g. "__whitepages_429__". */
export function scopedFaultName(vendor: ScopedVendor, fault: Fault): string {
  const shared = RESERVED_NAMES[fault];
  return shared.startsWith("__vendor_") ? shared.replace("__vendor_", `__${vendor}_`) : `__${vendor}_${shared.slice(2)}`;
}

const scoped = new Map(
  (Object.keys(SCOPED_FAULT_BLOCKS) as ScopedVendor[]).map((vendor) => [
    vendor as string,
    {
      phones: new Map(FAULTS.map((f) => [scopedFaultPhone(vendor, f).slice(-10), f] as const)),
      names: FAULTS.map((f) => [scopedFaultName(vendor, f), f] as const),
    },
  ]),
);

function nationalDigits(value: string): string | null {
  const digits = value.replace(/\D/g, "");
  if (digits.length === 10 || (digits.length === 11 && digits.startsWith("1"))) return digits.slice(-10);
  return null;
}

/**
 * The fault a raw input asks for, or null. Accepts any phone formatting. A sandbox passes its own
 * `vendor` name to also act on the inputs scoped to it; inputs scoped to another vendor are
 * ordinary data.
 */
export function reservedFault(value: string | null | undefined, vendor?: string): Fault | null {
  if (!value) return null;
  const lower = value.toLowerCase();
  for (const [token, fault] of byName) if (lower.includes(token)) return fault;
  const own = vendor === undefined ? undefined : scoped.get(vendor);
  if (own) for (const [token, fault] of own.names) if (lower.includes(token)) return fault;
  const digits = nationalDigits(value);
  if (digits === null) return null;
  return byPhoneDigits.get(digits) ?? own?.phones.get(digits) ?? null;
}
