import type { Context } from "hono";
import { ApiError, catalogEntry, type Micros, MoneyParseError, parseUsd, toUsd } from "@411data/core";
import { parseLeadSessionRequest } from "@411data/lead-session";
import type { AppEnv } from "../../context.ts";
import type { JobRequest } from "../../schemas/jobs.ts";
import { requireCallbackUrl } from "../callbacks/policy.ts";
import { leadValidationError } from "../lead-session/run.ts";
import { submitPaidJob } from "./submit.ts";
import type { LeadSessionJobPayload } from "./work.ts";

// A job request as the route validated it → a paid job. What a job stores as its payload is the
// route's validated body with the job's ceiling applied; everything here is a free 400 when wrong,
// decided before any money is held or any payment verified.

const session = catalogEntry("enrich.lead_session");
const jobs = catalogEntry("enrich.jobs");

export async function submitJobRequest(c: Context<AppEnv>, request: JobRequest) {
  const ceiling = request.bill_up_to_usd ?? jobs.ceiling!.default;
  const payload = JSON.stringify(jobPayload(request, ceiling));
  const callbackUrl = request.callback_url === undefined ? null : requireCallbackUrl(c.env, request.callback_url, "callback_url");
  return submitPaidJob(c, { route: request.route, payload, callbackUrl, ceiling });
}

function jobPayload(request: JobRequest, ceiling: Micros): unknown {
  if (request.route === "enrich/websearch") {
    // Research costs what it costs: a ceiling under the $1.00 minimum would sell it below price.
    const minimum = catalogEntry("enrich.websearch").price;
    if (ceiling < minimum) {
      throw new ApiError("VALIDATION_FAILED", `bill_up_to_usd must be at least ${toUsd(minimum)} for enrich/websearch (its minimum charge on a match)`, {
        details: { field: "bill_up_to_usd", min_usd: toUsd(minimum) },
      });
    }
    return request.payload;
  }
  return leadSessionPayload(request.payload, ceiling);
}

/**
 * A lead-session job starts one session; its budget (default: the ceiling) is capped to the ceiling,
 * which must cover the base price: a smaller ceiling would sell a matched session below its price.
 */
function leadSessionPayload(body: Extract<JobRequest, { route: "enrich/lead-session" }>["payload"], ceiling: Micros): LeadSessionJobPayload {
  if (ceiling < session.price) {
    throw new ApiError("VALIDATION_FAILED", `bill_up_to_usd must be at least ${toUsd(session.price)} for enrich/lead-session (its base price on a match)`, {
      details: { field: "bill_up_to_usd", min_usd: toUsd(session.price) },
    });
  }
  if (body.session_id !== undefined) {
    throw new ApiError("VALIDATION_FAILED", "payload.session_id: a job starts a new session; send follow-ups to POST /api/v1/enrich/lead-session", {
      details: { field: "payload.session_id" },
    });
  }
  let budget = ceiling;
  if (body.budget_usd !== undefined) {
    let asked: Micros;
    try {
      asked = parseUsd(body.budget_usd);
    } catch (err) {
      if (err instanceof MoneyParseError) throw new ApiError("VALIDATION_FAILED", `payload.budget_usd: ${err.message}`, { details: { field: "payload.budget_usd" } });
      throw err;
    }
    const { max } = session.ceiling!;
    if (asked < session.price || asked > max) {
      throw new ApiError("VALIDATION_FAILED", `payload.budget_usd must be from ${toUsd(session.price)} (the base price) to ${toUsd(max)}`, {
        details: { field: "payload.budget_usd", min_usd: toUsd(session.price), max_usd: toUsd(max) },
      });
    }
    budget = Math.min(asked, ceiling);
  }
  try {
    return parseLeadSessionRequest(
      { lead: body.lead, max_rounds: body.max_rounds, mode: body.mode },
      { maxBudget: session.ceiling!.max, defaultBudget: budget },
    );
  } catch (err) {
    leadValidationError(err);
  }
}
