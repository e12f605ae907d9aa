import type { Hook } from "@hono/zod-openapi";
import { ApiError } from "@411data/core";
import type { AppEnv } from "../context.ts";

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/** zod failures from any route's params, query, headers or body, in the one envelope. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issues = (result.error.issues as Issue[]).map((i) => ({
    path: i.path.map(String).join("."),
    code: i.code,
    message: i.message,
  }));
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : "";
  throw new ApiError("VALIDATION_FAILED", `${where}${first?.message ?? "invalid request"}`, {
    details: { target: result.target, issues },
  });
};
