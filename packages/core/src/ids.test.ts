import { describe, expect, it } from "vitest";
import { newAgentId, newJobId, newToken, parseToken, randomBase62 } from "./ids.ts";
import { sha256Hex, timingSafeEqualHex } from "./hash.ts";

describe("ids and tokens", () => {
  it("mints prefixed tokens that carry their owner", () => {
    const agent = newAgentId();
    const job = newJobId();
    expect(agent).toMatch(/^agt_[0-9A-Za-z]{20}$/);
    expect(job).toMatch(/^ej_[0-9A-Za-z]{24}$/);
    const bearer = newToken("agent", agent);
    expect(bearer.startsWith(`411_${agent}_`)).toBe(true);
    expect(parseToken(bearer)).toEqual({ kind: "agent", ownerId: agent });
    expect(parseToken(newToken("usageKey", agent))).toEqual({ kind: "usageKey", ownerId: agent });
    expect(parseToken(newToken("jobPoll", job))).toEqual({ kind: "jobPoll", ownerId: job });
  });

  it("rejects forged and truncated shapes", () => {
    const bearer = newToken("agent", newAgentId());
    for (const bad of [
      "",
      "411_",
      bearer.slice(0, -1),
      `${bearer}x`,
      bearer.replace("411_", "411x_"),
      `411j_${newAgentId()}_${"a".repeat(40)}`, // poll prefix on an agent id
      `411_${newJobId()}_${"a".repeat(40)}`, // agent prefix on a job id
      "411_agt_abc_def",
      `${bearer} `,
      "Bearer " + bearer,
    ]) {
      expect(parseToken(bad), bad).toBeNull();
    }
  });

  it("draws from the whole alphabet without repeats", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) seen.add(randomBase62(24));
    expect(seen.size).toBe(1_000);
    const chars = new Set(randomBase62(20_000));
    expect(chars.size).toBe(62);
  });

  it("hashes and compares secrets", async () => {
    expect(await sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(timingSafeEqualHex("ab", "ab")).toBe(true);
    expect(timingSafeEqualHex("ab", "ac")).toBe(false);
    expect(timingSafeEqualHex("ab", "abc")).toBe(false);
  });
});
