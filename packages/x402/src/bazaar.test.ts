import { validateDiscoveryExtension } from "@x402/extensions/bazaar";
import { describe, expect, it } from "vitest";
import { bazaarExtension } from "./bazaar.ts";

const route = {
  method: "POST" as const,
  inputExample: { phone: "+17242060094" },
  inputSchema: { type: "object", properties: { phone: { type: "string" } }, required: ["phone"] },
  outputExample: { matched: true },
  outputSchema: { type: "object", properties: { matched: { type: "boolean" } }, required: ["matched"] },
};

describe("bazaarExtension", () => {
  it("is valid by the SDK's own validator, method included", () => {
    const { bazaar } = bazaarExtension(route) as { bazaar: Parameters<typeof validateDiscoveryExtension>[0] };
    expect(validateDiscoveryExtension(bazaar)).toEqual({ valid: true });
    expect(bazaar.info.input).toMatchObject({ type: "http", method: "POST", bodyType: "json", body: route.inputExample });
  });

  it("really constrains the input: a body missing a required field fails", () => {
    const { bazaar } = bazaarExtension(route) as { bazaar: Parameters<typeof validateDiscoveryExtension>[0] };
    const broken = { ...bazaar, info: { ...bazaar.info, input: { ...bazaar.info.input, body: {} } } };
    expect(validateDiscoveryExtension(broken as typeof bazaar).valid).toBe(false);
  });
});
