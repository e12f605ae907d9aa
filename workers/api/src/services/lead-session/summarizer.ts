import type { Summarizer } from "@411data/lead-session";
import { runtime } from "../../../../../durable-objects/runtime.ts";

// The session's closing summary (built in durable-objects/runtime.ts, like every collaborator).
export function summarizerFor(env: Env): Summarizer {
  return runtime().summarizer(env);
}
