import { z } from "zod";
import { ApiError } from "@411data/core";

// Vars and secrets, validated once per isolate. A misconfigured deploy answers BAD_ENVIRONMENT
// instead of failing somewhere deep inside a paid call.
const intFromString = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const ConfigSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]),
  PUBLIC_BASE_URL: z.url(),
  ANON_RATE_LIMIT: intFromString(1, 1_000_000),
  ANON_RATE_PERIOD_SEC: intFromString(1, 3600),
  MAX_BODY_BYTES: intFromString(1024, 100 * 1024 * 1024),
  HOLD_TTL_SEC: intFromString(30, 86_400),
  QUEUE_RETRY_BASE_SEC: intFromString(0, 300),
});

export type Config = z.infer<typeof ConfigSchema>;

const cache = new WeakMap<object, Config>();

export function loadConfig(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    // Names the broken keys, never their values: a value could be a secret.
    const keys = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))];
    throw new ApiError("BAD_ENVIRONMENT", "the service is misconfigured", { details: { keys } });
  }
  cache.set(env, parsed.data);
  return parsed.data;
}
