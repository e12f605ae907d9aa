import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerBatchCancel } from "./cancel.ts";
import { registerBatchList } from "./list.ts";
import { registerBatchResults } from "./results.ts";
import { registerBatchStatus } from "./status.ts";

export { registerBatchUpload } from "./upload.ts";

/** Reading and cancelling batches; the upload registers apart (it reads its own body, see upload.ts). */
export function registerBatchRoutes(app: OpenAPIHono<AppEnv>) {
  registerBatchList(app);
  registerBatchStatus(app);
  registerBatchResults(app);
  registerBatchCancel(app);
}
