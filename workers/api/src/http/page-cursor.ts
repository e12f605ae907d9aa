import { z } from "@hono/zod-openapi";
import { ApiError } from "@411data/core";

// A list page's cursor is the (created_at, id) of the last row served: stable under concurrent
// inserts, opaque to the caller, and refused with a 400 when it is not one we issued.

export const encodePageCursor = (row: { created_at: string; id: string }) => btoa(JSON.stringify([row.created_at, row.id]));

export function decodePageCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(atob(cursor));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) return value as [string, string];
  } catch {
    // fall through
  }
  throw new ApiError("VALIDATION_FAILED", "cursor is not one this API issued", { details: { field: "cursor" } });
}

/** The query of a cursor-paged list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional().describe("next_cursor from the previous page"),
});
