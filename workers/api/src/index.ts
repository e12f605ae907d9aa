import { createApp } from "./app.ts";
import { handleQueue } from "./queue/consumer.ts";
import { handleScheduled } from "./scheduled/index.ts";

// Durable Object classes are exported from the entry so the runtime (and the test helpers) find them.
export { AgentAccount } from "../../../durable-objects/agent-account/index.ts";
export { Settler } from "../../../durable-objects/settler.ts";
export { LeadSession } from "../../../durable-objects/lead-session.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueue(batch, env),
  scheduled: (controller, env, ctx) => handleScheduled(controller, env, ctx),
} satisfies ExportedHandler<Env>;
