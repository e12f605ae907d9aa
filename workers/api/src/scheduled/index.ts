import { reconcile } from "./reconcile.ts";
import { retention } from "./retention.ts";

// The Worker's scheduled entry (cron triggers in wrangler.jsonc). Each task runs on every tick,
// apart from the others: one failing is logged and does not stop the rest.

export interface ScheduledTask {
  name: string;
  run(env: Env, now: Date): Promise<Record<string, number>>;
}

/** What runs on the cron; a new task is one more entry here. */
export const SCHEDULED_TASKS: ScheduledTask[] = [
  retention,
  { name: "reconcile", run: async (env, now) => ({ ...(await reconcile(env, now.getTime())) }) },
];

export async function handleScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const now = new Date(controller.scheduledTime);
  const results = await Promise.allSettled(SCHEDULED_TASKS.map((task) => task.run(env, now)));
  const failed: string[] = [];
  results.forEach((r, i) => {
    const name = SCHEDULED_TASKS[i]!.name;
    if (r.status === "fulfilled") console.log(`scheduled ${name}`, JSON.stringify(r.value));
    else {
      failed.push(name);
      console.error(`scheduled ${name} failed`, r.reason);
    }
  });
  // Thrown so the platform records the tick as failed and the next one runs it again.
  if (failed.length > 0) throw new Error(`scheduled tasks failed: ${failed.join(", ")}`);
}
