import type { Context } from "hono";
import { ApiError, CATALOG, type CatalogEntry } from "@411data/core";
import {
  buildAccepts,
  buildPaymentRequired,
  PaymentRejected,
  resourceInfo,
  type PaymentRequirements,
  type ResourceInfo,
} from "@411data/x402";
import { publicOrigin } from "../config.ts";
import type { AppEnv } from "../context.ts";
import { bazaarExtension } from "../routes/discovery/catalog-view.ts";
import { mppChallenge, mppOffered } from "../services/billing/mpp-payment.ts";
import { paymentConfig } from "../services/billing/payment-config.ts";

// Every 402 that carries an x402 offer passes here on its way out, whoever raised it (a paid call,
// a refused payment, a job, a deposit): its header gains the route's Bazaar extension (so a
// facilitator that settles it can catalog the route, and validators find its input and output
// schemas) and, on the routes MPP pays for, a `WWW-Authenticate: Payment` challenge beside
// PAYMENT-REQUIRED.

interface X402ErrorBody {
  x402Version: 2;
  error: string;
  resource: ResourceInfo;
  accepts: PaymentRequirements[];
  extensions?: Record<string, unknown>;
}

const byPath = new Map<string, CatalogEntry>((CATALOG as readonly CatalogEntry[]).map((e) => [e.path, e]));

function x402BodyOf(c: Context<AppEnv>, err: ApiError): X402ErrorBody | null {
  if (err.status !== 402) return null;
  const body = err.body as Partial<X402ErrorBody> | undefined;
  if (body?.x402Version === 2 && typeof body.error === "string" && body.resource?.url) return body as X402ErrorBody;
  // A refusal raised without an offer (a replayed authorization) still tells the caller what to
  // pay on a fixed-price route, so a client can sign again instead of stopping at a bare 402.
  const entry = byPath.get(c.req.path);
  if (!entry || !mppOffered(entry)) return null;
  const config = c.get("config");
  return {
    x402Version: 2,
    error: err instanceof PaymentRejected ? err.reason : err.code,
    resource: resourceInfo(entry, publicOrigin(config).origin),
    accepts: buildAccepts(entry, paymentConfig(config)),
  };
}

/** The 402's PaymentRequired (body and headers) with the discovery extension and MPP challenge, or null. */
export function paymentRequiredParts(
  c: Context<AppEnv>,
  err: ApiError,
): { body: Record<string, unknown>; headers: Record<string, string> } | null {
  const body = x402BodyOf(c, err);
  if (!body) return null;
  const entry = byPath.get(new URL(body.resource.url).pathname);
  const bazaar = entry ? bazaarExtension(entry) : undefined;
  const extensions = { ...body.extensions, ...(bazaar ? { bazaar } : {}) };
  const parts = buildPaymentRequired({
    resource: body.resource,
    accepts: body.accepts,
    error: body.error,
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  });
  const challenge = entry ? mppChallenge(c, entry) : null;
  // The extension rides in the header only: x402 v2 clients, validators (@agentcash/discovery) and
  // the facilitator's catalog (through the client's echo) all read it there, and it is most of the
  // 402's weight. The body stays a valid PaymentRequired without it.
  const { extensions: _inHeader, ...body402 } = parts.body;
  return {
    body: body402,
    headers: { ...parts.headers, ...(challenge ? { "WWW-Authenticate": challenge } : {}) },
  };
}
