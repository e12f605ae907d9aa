import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { HexSignature, toUsd } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { paymentInfo, X402PaymentRequiredSchema } from "../../http/payment-info.ts";
import { Billing } from "../enrich/schemas.ts";
import { completeRecovery, MAX_WRONG_ANSWERS, openChallenge } from "../../services/identity/recovery.ts";

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

const ChallengeBody = z.object({
  siwe_message: z.string().min(1).max(4096).describe("The message from POST /api/v1/agents/wallet-nonce with purpose recover"),
  siwe_signature: HexSignature.openapi({ type: "string" }),
});

const Challenge = z
  .object({
    challenge_id: z.string(),
    question: z.string(),
    options: z.array(z.string()).describe("Exactly one is a lookup this agent made; answer with its text or 0-based index"),
    expires_at: z.string(),
    max_wrong_answers: z.number(),
    fee: z.object({
      amount_usd: z.number(),
      scheme: z.literal("exact"),
      network: z.string(),
      asset: z.string(),
      pay_to: z.string(),
      payer_must_be: z.string().describe("The agent's linked wallet; a payment from any other wallet is refused"),
      non_refundable: z.literal(true),
    }),
    next: z.string(),
  })
  .openapi("RecoveryChallenge");

const CompleteBody = z.object({
  challenge_id: z.string().min(1).max(64),
  answer: z.union([z.string().min(1).max(300), z.number().int().min(0).max(16)]).openapi({
    description: "The chosen option's text, or its 0-based index",
  }),
});

const Recovered = z
  .object({
    agent_id: z.string(),
    token: z.string().describe("The new agent bearer, shown once. Every earlier bearer stopped working."),
    wallet: z.string(),
    virtual_balance_usd: z.number(),
    rotated_at: z.string(),
    billing: Billing,
  })
  .openapi("RecoveredAgent");

const challenge = createRoute({
  method: "post",
  path: "/api/v1/agents/wallet-recover/challenge",
  operationId: "walletRecoverChallenge",
  tags: ["agents"],
  summary: "Lost bearer: prove the wallet (SIWE) and get a question from the agent's own lookup history",
  request: { body: { content: { "application/json": { schema: ChallengeBody } }, required: true } },
  responses: {
    200: { description: "The question and the fee to pay on a right answer", content: { "application/json": { schema: Challenge } } },
    401: error("SIWE_INVALID: signature, nonce (must be a recover nonce), domain, chain or expiry refused"),
    403: error(`RECOVERY_UNAVAILABLE: no enrich lookups made with the agent's bearer in the last 90 days`),
    404: error("NOT_FOUND: no agent is bound to this wallet"),
    ...errorResponses,
  },
});

const complete = createRoute({
  method: "post",
  path: "/api/v1/agents/wallet-recover/complete",
  operationId: "walletRecoverComplete",
  tags: ["agents"],
  summary: "Answer the question and pay the $1.00 fee from the agent's wallet: the bearer is replaced",
  description:
    "A wrong answer is never charged and counts against the challenge's attempts. A right answer without " +
    "PAYMENT-SIGNATURE gets a 402 with the x402 envelope; the retry must be paid by the agent's linked wallet. " +
    "The fee is non-refundable. Agent id, balance and wallet stay the same; only the bearer changes.",
  "x-payment-info": paymentInfo("agents.wallet_recover"),
  request: { body: { content: { "application/json": { schema: CompleteBody } }, required: true } },
  responses: {
    200: { description: "The new bearer (PAYMENT-RESPONSE header carries the settlement)", content: { "application/json": { schema: Recovered } } },
    402: {
      description:
        "PAYMENT_REQUIRED (right answer: pay `accepts[]` from the agent's wallet and retry with PAYMENT-SIGNATURE), " +
        "PAYMENT_INVALID (refused payment, e.g. not from the agent's wallet) or ALLOWANCE_EXCEEDED",
      headers: z.object({ "payment-required": z.string().describe("base64 JSON of the x402 PaymentRequired object") }),
      content: { "application/json": { schema: X402PaymentRequiredSchema } },
    },
    403: error(`RECOVERY_ANSWER_WRONG: not the right option; ${MAX_WRONG_ANSWERS} wrong answers close the challenge`),
    404: error("NOT_FOUND: no such challenge"),
    410: error("RECOVERY_CHALLENGE_CLOSED: expired, used, or closed after too many wrong answers"),
    ...errorResponses,
  },
});

export function registerWalletRecover(app: OpenAPIHono<AppEnv>) {
  app.openapi(challenge, async (c) => {
    const body = c.req.valid("json");
    const opened = await openChallenge(c.env, c.get("config"), { siweMessage: body.siwe_message, siweSignature: body.siwe_signature });
    c.get("log").agentId = opened.agentId;
    return c.json(
      {
        challenge_id: opened.challengeId,
        question: opened.question,
        options: opened.options,
        expires_at: opened.expiresAt.toISOString(),
        max_wrong_answers: MAX_WRONG_ANSWERS,
        fee: {
          amount_usd: toUsd(opened.fee.amount),
          scheme: "exact" as const,
          network: opened.fee.network,
          asset: opened.fee.asset,
          pay_to: opened.fee.payTo,
          payer_must_be: opened.wallet,
          non_refundable: true as const,
        },
        next:
          "POST /api/v1/agents/wallet-recover/complete {challenge_id, answer}; a right answer is answered 402 — " +
          "retry it with an x402 PAYMENT-SIGNATURE signed by this wallet to get the new bearer",
      },
      200,
    );
  });

  app.openapi(complete, async (c) => {
    const body = c.req.valid("json");
    const done = await completeRecovery(c, { challengeId: body.challenge_id, answer: body.answer });
    return c.json(
      {
        agent_id: done.agentId,
        token: done.token,
        wallet: done.wallet,
        virtual_balance_usd: toUsd(done.balance),
        rotated_at: done.rotatedAt.toISOString(),
        billing: {
          price_usd: toUsd(done.settled.amount),
          charged_usd: toUsd(done.settled.amount),
          refunded_usd: 0,
          balance_after_usd: null,
          mode: "x402_exact" as const,
          matched: true,
          x402_transaction: done.settled.transaction,
        },
      },
      200,
      done.settled.headers,
    );
  });
}
