import { z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "@411data/core";

// Every route documents the same envelope for its failures.
export const ErrorSchema = ErrorEnvelope.openapi("Error");

const json = { "application/json": { schema: ErrorSchema } };

export const errorResponses = {
  400: { description: "Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …)", content: json },
  413: { description: "Body too large (PAYLOAD_TOO_LARGE)", content: json },
  429: {
    description: "Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After",
    headers: z.object({ "retry-after": z.string() }),
    content: json,
  },
  500: { description: "Internal error (INTERNAL_ERROR)", content: json },
} as const;
