// The committed types are exactly what the server's /openapi.json generates today: a changed route
// fails here until `pnpm --filter @411data/client generate` is run and its output committed.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { dumpSpec, renderTypes, TYPES_FILE } from "../scripts/spec.ts";

it("src/generated/openapi.ts matches the API's OpenAPI document", async () => {
  const expected = await renderTypes(await dumpSpec());
  const committed = readFileSync(TYPES_FILE, "utf8");
  expect(committed === expected, "the API changed: run `npx -y pnpm@10.34.9 --filter @411data/client generate` and commit the result").toBe(true);
});
