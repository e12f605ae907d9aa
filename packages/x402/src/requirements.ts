import { assertMicros, type CatalogEntry, type Micros } from "@411data/core";
import type { Network, PaymentRequirements, ResourceInfo } from "@x402/core/types";
import { getAddress, type Address } from "viem";

// The retry's `accepted` must deep-equal an entry rebuilt from the same request, so everything here
// is a pure function of (catalog entry, config, caller inputs): no clock, no balance, no randomness.

/** Where and how we get paid: one per deployment (wrangler vars), the same for every route. */
export interface PaymentConfig {
  /** CAIP-2, e.g. "eip155:8453" (Base) or "eip155:31337" (local anvil). */
  network: Network;
  /** USDC (or the local EIP-3009 test token) contract. */
  asset: string;
  payTo: string;
  /** Lifetime of an `exact` authorization; the work and the settlement must fit inside it. */
  maxTimeoutSeconds: number;
  /** The token's EIP-712 domain; the client signs over it and the facilitator checks it. */
  eip712: { name: string; version: string };
  /**
   * The upto facilitator's signer (`/supported` → kinds[].extra.facilitatorAddress). The client
   * binds its Permit2 signature to it, so upto cannot be offered without it.
   */
  uptoFacilitatorAddress?: string;
}

/** Async jobs run for minutes; the Permit2 deadline must outlive the job (SPEC §3). */
export const UPTO_MAX_TIMEOUT_SECONDS = 1200;

export const RESOURCE_MIME_TYPE = "application/json";

export class X402ConfigError extends Error {
  override name = "X402ConfigError";
}

/** Top-level `resource` of a v2 402: the absolute URL of the route plus what it sells. */
export function resourceInfo(entry: CatalogEntry, origin: string): ResourceInfo {
  const base = new URL(origin);
  return {
    url: new URL(entry.path, base.origin).toString(),
    description: entry.summary,
    mimeType: RESOURCE_MIME_TYPE,
  };
}

/** `exact` (EIP-3009) at a fixed amount: the catalog price, or the caller's amount for deposits. */
export function exactRequirement(
  entry: CatalogEntry,
  config: PaymentConfig,
  opts: { amount?: Micros } = {},
): PaymentRequirements {
  const amount = entry.rule === "amount" ? requireAmount(opts.amount, entry) : entry.price;
  assertPositive(amount, entry);
  return {
    scheme: "exact",
    network: config.network,
    amount: String(amount),
    asset: checksum(config.asset, "asset"),
    payTo: checksum(config.payTo, "payTo"),
    maxTimeoutSeconds: positiveSeconds(config.maxTimeoutSeconds),
    // Only the domain: no assetTransferMethod, so clients default to EIP-3009 (what we verify).
    extra: { name: config.eip712.name, version: config.eip712.version },
  };
}

/** `upto` (Permit2): authorizes up to the ceiling; the actual is settled after the job. */
export function uptoRequirement(
  entry: CatalogEntry,
  config: PaymentConfig,
  opts: { ceiling?: Micros } = {},
): PaymentRequirements {
  if (!config.uptoFacilitatorAddress) {
    throw new X402ConfigError("upto needs uptoFacilitatorAddress (from the facilitator's /supported)");
  }
  const ceiling = opts.ceiling ?? entry.ceiling?.default ?? entry.price;
  assertPositive(ceiling, entry);
  if (entry.ceiling && (ceiling < entry.ceiling.min || ceiling > entry.ceiling.max)) {
    throw new RangeError(`${entry.id}: ceiling ${ceiling} outside [${entry.ceiling.min}, ${entry.ceiling.max}]`);
  }
  return {
    scheme: "upto",
    network: config.network,
    amount: String(ceiling),
    asset: checksum(config.asset, "asset"),
    payTo: checksum(config.payTo, "payTo"),
    maxTimeoutSeconds: UPTO_MAX_TIMEOUT_SECONDS,
    // Same keys the SDK's upto server scheme emits, so an SDK-built 402 and ours are interchangeable.
    extra: {
      name: config.eip712.name,
      version: config.eip712.version,
      assetTransferMethod: "permit2",
      facilitatorAddress: checksum(config.uptoFacilitatorAddress, "uptoFacilitatorAddress"),
    },
  };
}

/**
 * The `accepts[]` of a route's 402: `upto` for async-job routes, `exact` for everything else.
 * `amount` is the deposit amount ("amount" routes); `ceiling` the caller's bill-up-to (upto routes).
 */
export function buildAccepts(
  entry: CatalogEntry,
  config: PaymentConfig,
  opts: { amount?: Micros; ceiling?: Micros } = {},
): PaymentRequirements[] {
  if (entry.rule === "upto") return [uptoRequirement(entry, config, opts)];
  return [exactRequirement(entry, config, opts)];
}

function requireAmount(amount: Micros | undefined, entry: CatalogEntry): Micros {
  if (amount === undefined) throw new RangeError(`${entry.id}: the caller must name the amount`);
  return amount;
}

function assertPositive(amount: Micros, entry: CatalogEntry): void {
  assertMicros(amount);
  // A zero-amount authorization would "pay" for the work with nothing.
  if (amount <= 0) throw new RangeError(`${entry.id}: x402 amount must be positive, got ${amount}`);
}

function positiveSeconds(seconds: number): number {
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new X402ConfigError(`maxTimeoutSeconds must be a positive integer, got ${seconds}`);
  }
  return seconds;
}

// Checksummed so that "0xabc…" and "0xABC…" in config yield byte-identical requirements.
function checksum(address: string, field: string): Address {
  try {
    return getAddress(address);
  } catch {
    throw new X402ConfigError(`${field} is not an EVM address: ${address}`);
  }
}
