import type { Context } from "hono";
import { Challenge, Credential, PaymentRequest, Receipt } from "mppx";
import { challengeHash } from "mppx/evm";
import type { CatalogEntry } from "@411data/core";
import {
  buildAccepts,
  paymentRejection,
  REASON,
  resourceInfo,
  type PaymentPayload,
  type PaymentRequirements,
  type SettledExact,
} from "@411data/x402";
import { encodePaymentSignatureHeader } from "@x402/core/http";
import { publicOrigin, type Config } from "../../config.ts";
import { mppPayable } from "../../http/payment-info.ts";
import type { AppEnv } from "../../context.ts";
import { paymentConfig } from "./payment-config.ts";

// MPP (the HTTP `Payment` auth scheme, mppx's `evm` method, `charge` intent) beside x402 on the
// paid sync routes. An MPP evm charge credential is an EIP-3009 TransferWithAuthorization, the same
// object an x402 `exact` payment carries, so once its challenge is proven ours and unchanged it is
// handed to the one x402 path as the PAYMENT-SIGNATURE it is equivalent to: the same facilitator
// verify, (payer, nonce) lock (replays refused), allowance draw, settlement on a match only. What
// MPP adds is the challenge (WWW-Authenticate), its HMAC binding, and the Payment-Receipt.

export const MPP_METHOD = "evm";
export const MPP_INTENT = "charge";
/** A second credential header, so a caller with a bearer in Authorization can still pay by MPP. */
export const MPP_CREDENTIAL_HEADER = "payment-authorization";

export { mppPayable as mppOffered };

/** MPP is offered only with a challenge key configured. */
export function mppEnabled(env: Env): boolean {
  return secretKey(env) !== null;
}

/** The challenge HMAC key; MPP is off without one (mppx requires at least 32 bytes). */
function secretKey(env: Env): string | null {
  const key = env.MPP_SECRET_KEY;
  return key && key.length >= 32 ? key : null;
}

/** True when `Authorization` carries an MPP credential rather than our bearer. */
export function isMppAuthorization(value: string | undefined): boolean {
  return value !== undefined && /^Payment\s+/i.test(value.trim());
}

function realmOf(config: Config): string {
  return publicOrigin(config).host;
}

/** The `evm` charge request for a route: exactly what its x402 `exact` requirement asks for. */
function chargeRequest(requirement: PaymentRequirements, config: Config) {
  return {
    amount: requirement.amount,
    currency: requirement.asset,
    methodDetails: { chainId: config.CHAIN_ID, credentialTypes: ["authorization"], decimals: 6 },
    recipient: requirement.payTo,
  };
}

function routeScope(entry: CatalogEntry): string {
  return PaymentRequest.serialize({ route: entry.id });
}

function exactOffer(entry: CatalogEntry, config: Config): PaymentRequirements {
  return buildAccepts(entry, paymentConfig(config))[0]!;
}

/**
 * `WWW-Authenticate: Payment …` for a 402 of this route, or null when MPP is off or not offered
 * here. The authorization it asks for expires with the challenge, inside x402's own time window.
 */
export function mppChallenge(c: Context<AppEnv>, entry: CatalogEntry): string | null {
  const key = secretKey(c.env);
  if (!key || !mppPayable(entry)) return null;
  const config = c.get("config");
  const requirement = exactOffer(entry, config);
  // Whole seconds, rounded down (still inside x402's window): every 402 of a route within one
  // second carries the same challenge, so its HMAC (pure JS in mppx) is computed once per second
  // instead of once per 402. Nothing is lost: a challenge is stateless, and the credential's
  // EIP-3009 nonce, not the challenge id, is what makes a payment single-use.
  const expiresMs = Math.floor((Date.now() + requirement.maxTimeoutSeconds * 1000) / 1000) * 1000;
  const realm = realmOf(config);
  const cacheKey = `${entry.id} ${realm} ${config.CHAIN_ID} ${requirement.amount} ${requirement.payTo} ${requirement.asset}`;
  const hit = challenges.get(cacheKey);
  if (hit && hit.expiresMs === expiresMs && hit.key === key) return hit.header;
  const expires = new Date(expiresMs).toISOString();
  const challenge = Challenge.from({
    secretKey: key,
    realm,
    method: MPP_METHOD,
    intent: MPP_INTENT,
    request: chargeRequest(requirement, config),
    expires,
    description: entry.summary,
    opaque: routeScope(entry),
  });
  const header = Challenge.serialize(challenge);
  if (challenges.size >= 256) challenges.clear();
  challenges.set(cacheKey, { expiresMs, key, header });
  return header;
}

/** The last challenge per route and offer, reused within its second (see mppChallenge). */
const challenges = new Map<string, { expiresMs: number; key: string; header: string }>();

/** The MPP credential of this request, if any: `Authorization: Payment …` or Payment-Authorization. */
function credentialHeader(c: Context<AppEnv>): string | undefined {
  const authorization = c.req.header("authorization");
  if (isMppAuthorization(authorization)) return authorization;
  const second = c.req.header(MPP_CREDENTIAL_HEADER);
  return second && isMppAuthorization(second) ? second : undefined;
}

interface AuthorizationPayload {
  type: "authorization";
  from: string;
  to: string;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: string;
  signature: string;
}

/**
 * An MPP credential on this request, checked against the challenge we would issue now and turned
 * into the equivalent PAYMENT-SIGNATURE; undefined when there is none. Spends nothing: a refusal
 * is a 402 PAYMENT_INVALID carrying a fresh offer (and challenge).
 */
export function mppPaymentSignature(c: Context<AppEnv>, entry: CatalogEntry): string | undefined {
  const header = credentialHeader(c);
  if (!header) return undefined;
  const config = c.get("config");
  const requirement = exactOffer(entry, config);
  const resource = resourceInfo(entry, publicOrigin(config).origin);
  const refuse = (reason: string, message: string) =>
    paymentRejection(reason, `MPP credential refused: ${message}`, { resource, accepts: [requirement] });

  const key = secretKey(c.env);
  if (!key || !mppPayable(entry)) throw refuse(REASON.unsupportedScheme, "this route takes no MPP payment; pay with x402");
  let credential: Credential.Credential<AuthorizationPayload>;
  try {
    credential = Credential.deserialize<AuthorizationPayload>(header);
  } catch {
    throw refuse(REASON.invalidPayload, "the Payment credential is not valid base64url JSON");
  }
  const { challenge, payload } = credential;
  // The HMAC covers realm, method, intent, request, expires and meta: none was edited.
  if (!Challenge.verify(challenge, { secretKey: key })) throw refuse(REASON.invalidPayload, "the challenge was not issued by this server");
  if (challenge.realm !== realmOf(config) || challenge.method !== MPP_METHOD || challenge.intent !== MPP_INTENT) {
    throw refuse(REASON.invalidPayload, "the challenge is for another realm, method or intent");
  }
  // `opaque` (HMAC-covered) names the route the 402 was for: a credential pays for that route only.
  if (challenge.opaque !== routeScope(entry)) throw refuse(REASON.invalidPayload, "the challenge was issued for another route");
  if (!challenge.expires || Date.parse(challenge.expires) <= Date.now()) throw refuse(REASON.validBefore, "the challenge has expired");
  // Price, token, payee or chain changed since the 402: the credential pays for another offer.
  if (JSON.stringify(challenge.request) !== JSON.stringify(chargeRequest(requirement, config))) {
    throw refuse(REASON.invalidPayload, "the challenge's request no longer matches this route's price");
  }
  if (!payload || payload.type !== "authorization") throw refuse(REASON.invalidPayload, "only `authorization` (EIP-3009) credentials are accepted");
  // The authorization's nonce is the challenge's hash, so one signature answers one challenge.
  if (String(payload.nonce).toLowerCase() !== challengeHash(challenge).toLowerCase()) {
    throw refuse(REASON.invalidPayload, "the authorization nonce is not this challenge's hash");
  }
  const x402: PaymentPayload = {
    x402Version: 2,
    resource,
    accepted: requirement,
    payload: {
      signature: payload.signature,
      authorization: {
        from: payload.from,
        to: payload.to,
        value: payload.value,
        validAfter: payload.validAfter,
        validBefore: payload.validBefore,
        nonce: payload.nonce,
      },
    },
  };
  return encodePaymentSignatureHeader(x402);
}

/** `Payment-Receipt` for a settled MPP payment (nothing for an x402 one). */
export function mppReceiptHeaders(c: Context<AppEnv>, settled: SettledExact): Record<string, string> {
  if (!credentialHeader(c)) return {};
  const receipt = Receipt.from({ method: MPP_METHOD, reference: settled.transaction, status: "success", timestamp: new Date().toISOString() });
  return { "Payment-Receipt": Receipt.serialize(receipt) };
}
