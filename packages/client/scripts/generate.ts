// Regenerates src/generated/openapi.ts from the server's OpenAPI document.
import { writeFileSync } from "node:fs";
import { dumpSpec, renderTypes, TYPES_FILE } from "./spec.ts";

writeFileSync(TYPES_FILE, await renderTypes(await dumpSpec()));
console.log(`wrote ${TYPES_FILE}`);
