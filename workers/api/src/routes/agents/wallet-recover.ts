import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { HexSignature, toUsd } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { paymentInfo, X402PaymentRequiredSchema } from "../../http/payment-info.ts";
import { Billing } from "../../schemas/billing.ts";
import { completeRecovery, LOCKOUT_BASE_MS, openChallenge } from "../../services/identity/recovery.ts";
import { MAX_QUESTIONS, MIN_QUESTIONS, OPTION_COUNT } from "../../services/identity/recovery-questions.ts";

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

const ChallengeBody = z.object({
  siwe_message: z.string().min(1).max(4096).describe("The message from POST /api/v1/agents/wallet-nonce with purpose recover"),
  siwe_signature: HexSignature.openapi({ type: "string" }),
});

const Question = z.object({
  kind: z.enum(["phone", "person", "business"]),
  question: z.string(),
  options: z.array(z.string()).describe(`${OPTION_COUNT} options; exactly one is a lookup this agent made`),
});

const Challenge = z
  .object({
    challenge_id: z.string(),
    questions: z.array(Question).describe(`${MIN_QUESTIONS}–${MAX_QUESTIONS} questions, each about a different lookup this agent made`),
    required_right: z.number().describe("Right answers needed to pass"),
    expires_at: z.string(),
    attempts: z.literal(1).describe("One paid attempt per challenge; the verdict comes after the fee is paid"),
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

const Answer = z.union([z.string().min(1).max(300), z.number().int().min(0).max(OPTION_COUNT - 1)]);

const CompleteBody = z.object({
  challenge_id: z.string().min(1).max(64),
  answers: z.array(Answer).min(1).max(MAX_QUESTIONS).openapi({
    description: "One answer per question, in order: the chosen option's text, or its 0-based index",
  }),
});

const Recovered = z
  .object({
    agent_id: z.string(),
    token: z.string().describe("The new agent bearer, shown once. Every earlier bearer and every usage key stopped working."),
    wallet: z.string(),
    virtual_balance_usd: z.number(),
    rotated_at: z.string(),
    usage_keys_revoked: z.number().describe("Usage keys revoked by the recovery"),
    billing: Billing,
  })
  .openapi("RecoveredAgent");

const challenge = createRoute({
  method: "post",
  path: "/api/v1/agents/wallet-recover/challenge",
  operationId: "walletRecoverChallenge",
  tags: ["agents"],
  summary: "Lost bearer: prove the wallet (SIWE) and get questions from the agent's own lookup history",
  request: { body: { content: { "application/json": { schema: ChallengeBody } }, required: true } },
  responses: {
    200: { description: "The questions and the fee that buys one scored attempt", content: { "application/json": { schema: Challenge } } },
    401: error("SIWE_INVALID: signature, nonce (must be a recover nonce), domain, chain or expiry refused"),
    403: error(`RECOVERY_UNAVAILABLE: fewer than ${MIN_QUESTIONS} different lookups made with the agent's bearer in the last 90 days`),
    404: error("NOT_FOUND: no agent is bound to this wallet"),
    ...errorResponses,
    429: { ...errorResponses[429], description: "RATE_LIMITED: too many requests, or recovery locked after a failed attempt (Retry-After)" },
  },
});

const complete = createRoute({
  method: "post",
  path: "/api/v1/agents/wallet-recover/complete",
  operationId: "walletRecoverComplete",
  tags: ["agents"],
  summary: "Answer the questions and pay the $1.00 fee from the agent's wallet: the bearer is replaced",
  description:
    "Without PAYMENT-SIGNATURE the answer is always a 402 with the x402 envelope, right or wrong; the retry must be " +
    "paid by the agent's linked wallet. The answers are scored only after the fee is settled, and the challenge is " +
    "spent either way. Enough right answers: agent id, balance and wallet stay, the bearer is replaced, every usage " +
    "key is revoked and `account.recovery_completed` subscribers are told. Too few: the fee is kept and recovery is " +
    `locked for ${LOCKOUT_BASE_MS / 3_600_000} h, doubling with each further failure.`,
  "x-payment-info": paymentInfo("agents.wallet_recover"),
  request: { body: { content: { "application/json": { schema: CompleteBody } }, required: true } },
  responses: {
    200: { description: "The new bearer (PAYMENT-RESPONSE header carries the settlement)", content: { "application/json": { schema: Recovered } } },
    402: {
      description:
        "PAYMENT_REQUIRED (pay `accepts[]` from the agent's wallet and retry with PAYMENT-SIGNATURE), " +
        "PAYMENT_INVALID (refused payment, e.g. not from the agent's wallet) or ALLOWANCE_EXCEEDED",
      headers: z.object({ "payment-required": z.string().describe("base64 JSON of the x402 PaymentRequired object") }),
      content: { "application/json": { schema: X402PaymentRequiredSchema } },
    },
    403: error("RECOVERY_ANSWER_WRONG: too few right answers; the fee was settled and is kept (PAYMENT-RESPONSE), recovery is locked (Retry-After)"),
    404: error("NOT_FOUND: no such challenge"),
    410: error("RECOVERY_CHALLENGE_CLOSED: expired, or already answered (one attempt per challenge)"),
    ...errorResponses,
    429: { ...errorResponses[429], description: "RATE_LIMITED: too many requests, or recovery locked after a failed attempt (Retry-After)" },
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
        questions: opened.questions,
        required_right: opened.required,
        expires_at: opened.expiresAt.toISOString(),
        attempts: 1 as const,
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
          "POST /api/v1/agents/wallet-recover/complete {challenge_id, answers: [one per question]}; it is answered 402 — " +
          "retry it with an x402 PAYMENT-SIGNATURE signed by this wallet: the answers are scored once the fee is paid",
      },
      200,
    );
  });

  app.openapi(complete, async (c) => {
    const body = c.req.valid("json");
    const done = await completeRecovery(c, { challengeId: body.challenge_id, answers: body.answers });
    return c.json(
      {
        agent_id: done.agentId,
        token: done.token,
        wallet: done.wallet,
        virtual_balance_usd: toUsd(done.balance),
        rotated_at: done.rotatedAt.toISOString(),
        usage_keys_revoked: done.revokedUsageKeys,
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
