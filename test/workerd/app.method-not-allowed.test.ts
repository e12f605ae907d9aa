import { describe, expect, it } from "vitest";
import { balanceOf, mintAgent } from "./support/agents.ts";
import { call, expectEnvelope, storedRequest } from "./support/http.ts";

describe("a known path with a method it does not serve", () => {
  it("GET on a POST-only paid route is 405 METHOD_NOT_ALLOWED with Allow: POST, and charges nothing", async () => {
    const agent = await mintAgent();
    const res = await call("/api/v1/enrich/phone", { headers: agent.auth });
    expect(res.headers.get("allow")).toBe("POST");
    const body = (await expectEnvelope(res, 405, "METHOD_NOT_ALLOWED")) as unknown as { error: { message: string; details: { allow: string[] } } };
    expect(body.error.message).toBe("GET is not allowed on /api/v1/enrich/phone; use POST");
    expect(body.error.details.allow).toEqual(["POST"]);
    expect(await balanceOf(agent.auth)).toMatchObject({ virtual_balance_usd: 0.2, held_usd: 0 });
    expect(await storedRequest(res.headers.get("x-request-id")!)).toMatchObject({ status: 405, error_code: "METHOD_NOT_ALLOWED", charged_micros: null });
  });

  it("lists every method of a path with several (GET also answers HEAD)", async () => {
    const res = await call("/api/v1/agents/usage-keys", { method: "PUT" });
    await expectEnvelope(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
  });

  it("matches path parameters: PUT on a job's poll URL allows GET", async () => {
    const res = await call("/api/v1/enrich/jobs/ej_00000000000000000000", { method: "PUT" });
    await expectEnvelope(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("POST on a discovery document allows GET", async () => {
    const res = await call("/skill.md", { method: "POST" });
    await expectEnvelope(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("an unknown path stays 404 ROUTE_NOT_FOUND, also one segment past a known route", async () => {
    for (const path of ["/api/v1/enrich/fax", "/api/v1/enrich/jobs/ej_00000000000000000000/extra"]) {
      const res = await call(path);
      await expectEnvelope(res, 404, "ROUTE_NOT_FOUND");
      expect(res.headers.get("allow")).toBeNull();
    }
  });
});
