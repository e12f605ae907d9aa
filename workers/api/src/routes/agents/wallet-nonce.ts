import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { getAddress } from "viem";
import { EvmAddress, UsdAmount } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { issueNonce } from "../../services/identity/mint.ts";

const Body = z.object({
  address: EvmAddress.openapi({ example: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }),
  allowance_usd: UsdAmount.optional().openapi({
    type: ["number", "string"],
    description: "Optional x402 budget to commit at mint (USD); adds an allowance_intent_message to sign",
    example: "10",
  }),
  purpose: z.enum(["mint", "recover"]).default("mint"),
});

const Nonce = z
  .object({
    nonce: z.string(),
    siwe_message: z.string().describe("EIP-4361 message for the wallet to sign with personal_sign"),
    allowance_intent_message: z
      .string()
      .nullable()
      .describe("EIP-191 plain-text budget commitment to sign, when allowance_usd was given"),
    expires_at: z.string(),
    chain_id: z.number(),
    next: z.string(),
  })
  .openapi("WalletNonce");

const route = createRoute({
  method: "post",
  path: "/api/v1/agents/wallet-nonce",
  operationId: "walletNonce",
  tags: ["agents"],
  summary: "Get a single-use SIWE message (and optional budget commitment) to sign",
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: {
    200: { description: "Messages to sign", content: { "application/json": { schema: Nonce } } },
    ...errorResponses,
  },
});

export function registerWalletNonce(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const config = c.get("config");
    const issued = await issueNonce(c.env, config, {
      address: getAddress(body.address),
      purpose: body.purpose,
      allowance: body.allowance_usd ?? null,
    });
    return c.json(
      {
        nonce: issued.nonce,
        siwe_message: issued.siweMessage,
        allowance_intent_message: issued.allowanceIntentMessage,
        expires_at: issued.expiresAt.toISOString(),
        chain_id: config.CHAIN_ID,
        next:
          body.purpose === "mint"
            ? "sign siwe_message (and allowance_intent_message), then POST /api/v1/agents/wallet-register"
            : "sign siwe_message, then POST /api/v1/agents/wallet-recover/challenge",
      },
      200,
    );
  });
}
