import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerEnrichCompany } from "./company.ts";
import { registerEnrichEmail } from "./email.ts";
import { registerEnrichJobs } from "./jobs/index.ts";
import { registerLeadSessionRoutes } from "./lead-session/index.ts";
import { registerEnrichPerson } from "./person.ts";
import { registerEnrichPhone } from "./phone.ts";
import { registerEnrichWebsearch } from "./websearch.ts";

export function registerEnrichRoutes(app: OpenAPIHono<AppEnv>) {
  registerEnrichPhone(app);
  registerEnrichPerson(app);
  registerEnrichWebsearch(app);
  registerLeadSessionRoutes(app);
  registerEnrichJobs(app);
  registerEnrichEmail(app);
  registerEnrichCompany(app);
}
