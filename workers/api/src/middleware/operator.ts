import { createMiddleware } from "hono/factory";
import { ApiError, sha256Hex, timingSafeEqualHex } from "@411data/core";
import type { AppEnv } from "../context.ts";

/** A guessable operator secret is as bad as none: shorter ones leave the routes disabled. */
const MIN_SECRET_LENGTH = 16;

/**
 * Operator routes move money by hand, so they answer only to `X-Operator-Secret` equal to the
 * OPERATOR_SECRET secret. Both sides are hashed first so the comparison is constant-time and
 * does not leak the secret's length.
 */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.env.OPERATOR_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new ApiError("OPERATOR_NOT_CONFIGURED", "operator routes are disabled: OPERATOR_SECRET is not set (or is shorter than 16 characters)");
  }
  const given = c.req.header("x-operator-secret");
  const [a, b] = await Promise.all([sha256Hex(given ?? ""), sha256Hex(secret)]);
  if (!given || !timingSafeEqualHex(a, b)) {
    throw new ApiError("UNAUTHORIZED", "this route needs a valid X-Operator-Secret header");
  }
  await next();
});
