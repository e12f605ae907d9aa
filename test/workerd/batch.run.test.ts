import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RESERVED_PHONES } from "@411data/vendors";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { csv, resultsOf, untilEnded, uploadOk } from "./support/batch.ts";

// Batches end to end on the real queue: rows run, are billed from the batch hold, and the results
// come back in file order.

const MATCH = "+17242060094"; // a sandbox number that always matches
const HEADER = ["Contact ID", "Name", "Phone"];

describe("a phone batch", () => {
  it("bills exactly the matched rows at the phone price and releases the rest", async () => {
    const agent = await fundedAgent(20);
    const rows = [
      ["c1", "Walter Pennington", MATCH],
      ["c2", "Nobody", RESERVED_PHONES.no_match],
      ["c3", "Doris Pennington", "+17243310917"],
    ];
    const accepted = await uploadOk(csv([HEADER, ...rows]), { headers: agent.auth, query: { route: "enrich/phone" } });
    expect(accepted.counts).toEqual({ rows: 3, unique: 3, duplicates: 0, invalid: 0 });
    expect(accepted.estimate.bill_up_to_usd).toBeCloseTo(0.99);
    const ended = await untilEnded(accepted.batch_id, accepted.poll_bearer);
    expect(ended.status).toBe("completed");
    expect(ended.progress).toMatchObject({ done: 3, matched: 2, no_match: 1, failed: 0, remaining: 0 });
    expect(ended.billing.charged_usd).toBeCloseTo(0.66);
    const balance = await balanceOf(agent.auth);
    expect(balance.virtual_balance_usd).toBeCloseTo(20 - 0.66);
    expect(balance.held_usd).toBe(0);

    const results = await resultsOf(accepted.batch_id, accepted.poll_bearer, "csv");
    expect(results.split("\r\n")[0]).toBe("Contact ID,Name,Phone,enrich_line,enrich_status,enrich_route,enrich_matched,enrich_cost_usd,enrich_error_code,enrich_error,enrich_result_json");
  });
});
