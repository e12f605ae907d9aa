import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { HexSignature, toUsd } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses, ErrorSchema } from "../../http/openapi-errors.ts";
import { register } from "../../services/identity/mint.ts";

const Body = z
  .object({
    siwe_message: z.string().min(1).max(4096),
    siwe_signature: HexSignature.openapi({ type: "string" }),
    allowance_intent_message: z.string().max(4096).optional(),
    allowance_intent_signature: HexSignature.optional().openapi({ type: "string" }),
  })
  .refine((b) => (b.allowance_intent_message === undefined) === (b.allowance_intent_signature === undefined), {
    message: "allowance_intent_message and allowance_intent_signature go together",
    path: ["allowance_intent_signature"],
  });

const Registered = z
  .object({
    agent_id: z.string(),
    token: z
      .string()
      .nullable()
      .describe("The agent bearer (411_…), shown once at first mint; null on a re-mint. Only its hash is stored."),
    wallet: z.string(),
    virtual_balance_usd: z.number(),
    allowance_usd: z.number().nullable(),
  })
  .openapi("Registration");

const route = createRoute({
  method: "post",
  path: "/api/v1/agents/wallet-register",
  operationId: "walletRegister",
  tags: ["agents"],
  summary: "Mint (or re-mint) the agent bound to a wallet from a signed SIWE message",
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: {
    200: { description: "The agent; `token` is set only on first mint", content: { "application/json": { schema: Registered } } },
    401: { description: "SIWE_INVALID: signature, nonce, domain, chain or expiry refused", content: { "application/json": { schema: ErrorSchema } } },
    402: { description: "WALLET_UNDERFUNDED: the wallet holds under 1.00 USDC", content: { "application/json": { schema: ErrorSchema } } },
    ...errorResponses,
  },
});

export function registerWalletRegister(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const reg = await register(c.env, c.get("config"), {
      siweMessage: body.siwe_message,
      siweSignature: body.siwe_signature,
      allowanceIntentMessage: body.allowance_intent_message,
      allowanceIntentSignature: body.allowance_intent_signature,
    });
    c.get("log").agentId = reg.agentId;
    return c.json(
      {
        agent_id: reg.agentId,
        token: reg.token,
        wallet: reg.wallet,
        virtual_balance_usd: toUsd(reg.balance),
        allowance_usd: reg.allowance === null ? null : toUsd(reg.allowance),
      },
      200,
    );
  });
}
