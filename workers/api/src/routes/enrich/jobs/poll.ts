import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@411data/core";
import type { AppEnv } from "../../../context.ts";
import { errorResponses, ErrorSchema } from "../../../http/openapi-errors.ts";
import { bearerOf } from "../../../middleware/auth.ts";
import { jobForBearer } from "../../../services/jobs/access.ts";
import { expireIfOverdue } from "../../../services/jobs/end.ts";
import { getJob } from "../../../services/jobs/store.ts";
import { jobView } from "../../../services/jobs/view.ts";
import { bearerSecurity } from "../../../http/openapi-security.ts";
import { JobView } from "../../../schemas/jobs.ts";

const Params = z.object({
  job_id: z.string().openapi({ param: { name: "job_id", in: "path" }, example: "ej_4rXq9ZpL2mNc8TgB1vYwK3sD" }),
});

const json = { "application/json": { schema: ErrorSchema } };

export const route = createRoute({
  method: "get",
  path: "/api/v1/enrich/jobs/{job_id}",
  operationId: "getEnrichJob",
  tags: ["enrich"],
  summary: "Poll an async enrich job (free): status, billing, the result once completed, or the error",
  description:
    "Authorize with the job's `poll_bearer` (411j_…) or the owning agent's bearer. Any other bearer gets 404, as for a job that does not exist.",
  security: bearerSecurity,
  request: { params: Params },
  responses: {
    200: { description: "The job", content: { "application/json": { schema: JobView } } },
    401: { description: "No bearer, or not a valid one (UNAUTHORIZED, TOKEN_INVALID)", content: json },
    404: { description: "No such job for this bearer (NOT_FOUND)", content: json },
    ...errorResponses,
  },
});

export function registerJobPoll(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { job_id: jobId } = c.req.valid("param");
    const token = bearerOf(c.req.header("authorization"));
    if (!token) {
      throw new ApiError("UNAUTHORIZED", "poll with `Authorization: Bearer <poll_bearer>` (411j_…) or the owning agent's bearer");
    }
    let job = await jobForBearer(c.env, jobId, token);
    if (job.agent_id) c.get("log").agentId = job.agent_id;
    // A job past its deadline fails and refunds here, even if its runner never came back.
    if (await expireIfOverdue(c.env, job)) job = (await getJob(c.env.DB, job.id)) ?? job;
    c.get("log").paymentMode = "free";
    return c.json(jobView(job), 200, { "Cache-Control": "no-store" });
  });
}
