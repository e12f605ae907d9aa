import { test } from "vitest";
import { generateDataset } from "./index.ts";
test("smoke", async () => {
  for (let i = 0; i < 5; i++) { const t = performance.now(); generateDataset(411 + i); console.log("gen ms", performance.now() - t); }
});
