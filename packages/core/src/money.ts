// Money is integer micro-USD everywhere: 1 µUSD is one atomic unit of 6-decimal USDC, so a price,
// a ledger entry and an on-chain amount are the same integer and no float ever does arithmetic.

export type Micros = number;

export const MICROS_PER_USD = 1_000_000;

/** Largest amount any request may name: $10M. Far above any real call, far below 2^53 µUSD. */
export const MAX_USD_MICROS: Micros = 10_000_000 * MICROS_PER_USD;

export class MoneyParseError extends Error {
  override name = "MoneyParseError";
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a USD amount given as a JSON number or a decimal string ("1.5", "0.000001") into µUSD.
 * Refuses what a person would call a mistake rather than rounding it away: negatives, NaN,
 * infinities, exponents, more than six decimals and absurd magnitudes.
 */
export function parseUsd(input: unknown): Micros {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new MoneyParseError("amount must be a finite number");
    if (input < 0 || Object.is(input, -0)) throw new MoneyParseError("amount must not be negative");
    // Shortest round-trip form of the double is what the caller wrote in JSON.
    text = String(input);
    if (/e/i.test(text)) {
      if (input !== 0 && input < 1e-6) throw new MoneyParseError("amount has more than 6 decimals");
      throw new MoneyParseError("amount is out of range");
    }
  } else if (typeof input === "string") {
    text = input.trim();
    if (text.startsWith("-")) throw new MoneyParseError("amount must not be negative");
  } else {
    throw new MoneyParseError("amount must be a number or a decimal string");
  }
  const m = DECIMAL.exec(text);
  if (!m) throw new MoneyParseError("amount must be a plain decimal like 1.50");
  const whole = m[1] ?? "0";
  const frac = m[2] ?? "";
  if (frac.length > 6) throw new MoneyParseError("amount has more than 6 decimals");
  if (whole.replace(/^0+/, "").length > 8) throw new MoneyParseError("amount is out of range");
  const micros = Number(whole) * MICROS_PER_USD + Number(frac.padEnd(6, "0"));
  if (micros > MAX_USD_MICROS) throw new MoneyParseError("amount is out of range");
  return micros;
}

/** µUSD → "1.500000": exact, for text and headers. */
export function formatUsd(micros: Micros): string {
  assertMicros(micros);
  const sign = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_USD);
  const frac = String(abs % MICROS_PER_USD).padStart(6, "0");
  return `${sign}${whole}.${frac}`;
}

/**
 * µUSD → a JSON number of dollars (0.33). Only for display in responses: the shortest decimal
 * form of micros / 1e6 is the exact amount, and nothing reads it back for arithmetic.
 */
export function toUsd(micros: Micros): number {
  assertMicros(micros);
  return Number(formatUsd(micros));
}

/** Whole-dollar or cents literal in code → µUSD, for catalogs and config defaults. */
export function usd(amount: string): Micros {
  return parseUsd(amount);
}

/** Multiplies by a ratio given in basis points, rounding up: margins never undercharge by a µUSD. */
export function mulBps(micros: Micros, bps: number): Micros {
  assertMicros(micros);
  if (!Number.isInteger(bps) || bps < 0) throw new RangeError("bps must be a non-negative integer");
  return Math.ceil((micros * bps) / 10_000);
}

export function assertMicros(value: number): asserts value is Micros {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer µUSD amount: ${value}`);
}
