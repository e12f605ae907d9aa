import { z } from "zod";

// Everything that travels on the enrich-jobs queue, as one tagged union checked on arrival.
const RequestLogMessage = z.object({
  type: z.literal("request_log"),
  row: z.object({ id: z.string().min(1) }).passthrough(),
});

export const QueueMessage = z.discriminatedUnion("type", [RequestLogMessage]);
export type QueueMessage = z.infer<typeof QueueMessage>;
