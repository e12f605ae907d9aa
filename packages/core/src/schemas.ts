import { z } from "zod";
import { type Micros, parseUsd } from "./money.ts";

// Request shapes shared by several routes. Route-specific shapes live beside their routes.

/** USD as a JSON number or decimal string → integer µUSD, with parseUsd's refusals as zod issues. */
export const UsdAmount = z.union([z.number(), z.string().max(32)]).transform((value, ctx): Micros => {
  try {
    return parseUsd(value);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : "invalid amount" });
    return z.NEVER;
  }
});

export const EvmAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address");

export const HexSignature = z
  .string()
  .regex(/^0x[0-9a-fA-F]+$/, "must be 0x-prefixed hex")
  .max(20_000)
  .transform((s) => s as `0x${string}`);
