import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { registerJobPoll } from "./poll.ts";
import { registerJobSubmit } from "./submit.ts";

export function registerEnrichJobs(app: OpenAPIHono<AppEnv>) {
  registerJobSubmit(app);
  registerJobPoll(app);
}
