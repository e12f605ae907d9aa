// USD amounts as integer micro-USD (= USDC base units, 6 decimals): no float arithmetic on money.

/** "1.5", 1.5, "0.000001" → micro-USD; throws on a negative, NaN or more than 6 decimals. */
export function usdToMicros(value: number | string): bigint {
  const text = typeof value === "number" ? String(value) : value.trim();
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new TypeError(`not a USD amount with at most 6 decimals: ${JSON.stringify(value)}`);
  return BigInt(m[1]!) * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
}

/** micro-USD → "1.500000"-style decimal text trimmed to cents: "1.50". */
export function microsToUsd(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const abs = micros < 0n ? -micros : micros;
  const frac = String(abs % 1_000_000n).padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${sign}${abs / 1_000_000n}.${frac}`;
}
