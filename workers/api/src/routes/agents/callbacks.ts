import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { CALLBACK_EVENT_TYPES } from "../../services/callbacks/events.ts";
import {
  createSubscription,
  deleteSubscription,
  findSubscription,
  listDeliveries,
  listSubscriptions,
  MAX_SUBSCRIPTIONS_PER_AGENT,
  type SubscriptionRow,
} from "../../services/callbacks/subscriptions.ts";
import { MAX_CALLBACK_URL_LENGTH } from "../../services/callbacks/url-guard.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";

const SIGNATURE_DOC =
  "Each delivery is a POST of the event JSON with `X-411-Event`, `X-411-Delivery` (delivery id) and " +
  "`X-411-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing_secret, \"<t>.<raw body>\")>`; " +
  "verify it with `verifyCallbackSignature` from @411data/core and refuse timestamps older than 5 minutes. " +
  "Answer 2xx within 10 s; anything else (a redirect too: it is not followed) is retried with backoff. " +
  "Delivery is at least once: dedupe on the body's `id`.";

const EventType = z.enum(CALLBACK_EVENT_TYPES);

const CreateBody = z.object({
  url: z
    .string()
    .max(MAX_CALLBACK_URL_LENGTH)
    .describe("A public https URL; private, loopback, link-local and metadata hosts and local names are refused")
    .openapi({ example: "https://hooks.example.com/411data" }),
  events: z.array(EventType).min(1).max(CALLBACK_EVENT_TYPES.length).describe("The events to receive"),
  description: z.string().trim().max(200).optional(),
});

const CallbackView = z
  .object({
    callback_id: z.string(),
    url: z.string().describe("As normalized; where deliveries are sent"),
    events: z.array(EventType),
    description: z.string().nullable(),
    status: z.enum(["active", "deleted"]),
    created_at: z.string(),
    deleted_at: z.string().nullable(),
  })
  .openapi("CallbackSubscription");

const Created = CallbackView.extend({
  signing_secret: z.string().describe("The HMAC key for this subscription's signatures, shown once"),
}).openapi("CreatedCallbackSubscription");

const CallbackList = z.object({ callbacks: z.array(CallbackView), limit: z.number() }).openapi("CallbackSubscriptionList");

const DeliveryView = z
  .object({
    delivery_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: z.enum(["pending", "retrying", "delivered", "failed", "canceled"]),
    attempts: z.number(),
    last_status_code: z.number().nullable().describe("The receiver's HTTP status on the last attempt"),
    last_error: z.string().nullable(),
    created_at: z.string(),
    last_attempt_at: z.string().nullable(),
    completed_at: z.string().nullable(),
  })
  .openapi("CallbackDelivery");

const DeliveryList = z.object({ deliveries: z.array(DeliveryView) }).openapi("CallbackDeliveryList");

const IdParam = z.object({ callback_id: z.string().regex(/^cb_[0-9A-Za-z]{20}$/) });

const agentOnly = requireBearer({ agentOnly: true });
const common = { tags: ["agents"], security: bearerSecurity, middleware: agentOnly };

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/v1/agents/callbacks",
  operationId: "createCallback",
  summary: `Subscribe a URL to events (at most ${MAX_SUBSCRIPTIONS_PER_AGENT}); its signing secret is shown once`,
  description: SIGNATURE_DOC,
  request: { body: { content: { "application/json": { schema: CreateBody } }, required: true } },
  responses: {
    201: { description: "The subscription and its signing secret", content: { "application/json": { schema: Created } } },
    ...errorResponses,
  },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/v1/agents/callbacks",
  operationId: "listCallbacks",
  summary: "Active callback subscriptions (never their secrets)",
  responses: { 200: { description: "Subscriptions", content: { "application/json": { schema: CallbackList } } }, ...errorResponses },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/v1/agents/callbacks/{callback_id}",
  operationId: "deleteCallback",
  summary: "Delete a subscription; nothing more is sent to it",
  request: { params: IdParam },
  responses: { 200: { description: "The deleted subscription", content: { "application/json": { schema: CallbackView } } }, ...errorResponses },
});

const deliveries = createRoute({
  ...common,
  method: "get",
  path: "/api/v1/agents/callbacks/{callback_id}/deliveries",
  operationId: "listCallbackDeliveries",
  summary: "Recent deliveries to a subscription, newest first: status, attempts, last answer",
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25) }) },
  responses: { 200: { description: "Deliveries", content: { "application/json": { schema: DeliveryList } } }, ...errorResponses },
});

function view(row: SubscriptionRow): z.infer<typeof CallbackView> {
  return {
    callback_id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as z.infer<typeof CallbackView>["events"],
    description: row.description,
    status: row.status,
    created_at: row.created_at,
    deleted_at: row.deleted_at,
  };
}

const notFound = () => new ApiError("NOT_FOUND", "no callback with that id on this agent");

export function registerCallbacks(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const { row, signingSecret } = await createSubscription(c.env, {
      agentId: c.get("principal").agentId,
      url: body.url,
      events: body.events,
      description: body.description || null,
    });
    return c.json({ ...view(row), signing_secret: signingSecret }, 201);
  });

  app.openapi(list, async (c) => {
    const rows = await listSubscriptions(c.env, c.get("principal").agentId);
    return c.json({ callbacks: rows.map(view), limit: MAX_SUBSCRIPTIONS_PER_AGENT }, 200);
  });

  app.openapi(remove, async (c) => {
    const row = await deleteSubscription(c.env, c.get("principal").agentId, c.req.valid("param").callback_id);
    if (!row) throw notFound();
    return c.json(view(row), 200);
  });

  app.openapi(deliveries, async (c) => {
    const { callback_id } = c.req.valid("param");
    const row = await findSubscription(c.env, c.get("principal").agentId, callback_id);
    if (!row) throw notFound();
    return c.json({ deliveries: await listDeliveries(c.env, row.id, c.req.valid("query").limit) }, 200);
  });
}
