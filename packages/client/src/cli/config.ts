// Where the CLI keeps its bearer: $XDG_CONFIG_HOME/411data/config.json (~/.config/411data when
// XDG_CONFIG_HOME is unset), the directory 0700 and the file 0600, like other CLIs' tokens.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface CliConfig {
  base_url?: string;
  token?: string;
  agent_id?: string;
  wallet?: string;
  /** Path of a file holding the wallet's private key, for x402 payments (the key itself is never stored). */
  key_file?: string;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATA411_CONFIG) return env.DATA411_CONFIG;
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), ".config");
  return path.join(base, "411data", "config.json");
}

export function readConfig(file = configPath()): CliConfig {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as CliConfig;
}

export function writeConfig(config: CliConfig, file = configPath()): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  // The mode applies only to a new file: an existing one is narrowed here.
  chmodSync(file, 0o600);
}
