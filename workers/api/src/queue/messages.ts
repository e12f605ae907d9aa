import { z } from "zod";

// Everything that travels on the enrich-jobs queue, as one tagged union checked on arrival.
const RequestLogMessage = z.object({
  type: z.literal("request_log"),
  row: z.object({ id: z.string().min(1) }).passthrough(),
});

const CallbackDeliveryMessage = z.object({
  type: z.literal("callback_delivery"),
  delivery_id: z.string().regex(/^dlv_[0-9a-f]{24}$/),
});

export const QueueMessage = z.discriminatedUnion("type", [RequestLogMessage, CallbackDeliveryMessage]);
export type QueueMessage = z.infer<typeof QueueMessage>;
