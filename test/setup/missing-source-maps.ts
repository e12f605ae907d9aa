import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vitest/config";

// Some published packages (mppx 0.11) name source maps they do not ship. Vite then prints a
// stack trace for every such module it loads, hundreds of lines that hide real failures. This
// loads those modules without the dangling `sourceMappingURL` comment; everything else is untouched.
const MAP_COMMENT = /\n\/\/# sourceMappingURL=([^\s]+)\s*$/;

export function ignoreMissingSourceMaps(): Plugin {
  return {
    name: "411data:ignore-missing-source-maps",
    enforce: "pre",
    load(id: string) {
      if (!id.includes("/node_modules/") || !/\.[cm]?js$/.test(id)) return null;
      const code = readFileSync(id, "utf8");
      const found = MAP_COMMENT.exec(code);
      if (!found || found[1]!.startsWith("data:") || existsSync(path.resolve(path.dirname(id), found[1]!))) return null;
      return code.slice(0, found.index);
    },
  };
}
