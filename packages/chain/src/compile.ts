import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

export interface ContractArtifact {
  abi: Abi;
  /** Creation code, deployable as is (no libraries to link). */
  bytecode: Hex;
  /** Runtime code with immutables unset; only for `anvil_setCode` of contracts without immutables. */
  deployedBytecode: Hex;
}

export type ContractName = "TestUSDC" | "Multicall3" | "Permit2" | "X402UptoPermit2Proxy" | "TestSmartWallet";
export type Artifacts = Record<ContractName, ContractArtifact>;

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const contractsDir = join(packageRoot, "contracts");
const cacheDir = join(packageRoot, ".cache");
const require = createRequire(import.meta.url);
const openzeppelinRoot = dirname(require.resolve("@openzeppelin/contracts/package.json"));
const CONTRACT_NAMES: readonly ContractName[] = [
  "TestUSDC",
  "Multicall3",
  "Permit2",
  "X402UptoPermit2Proxy",
  "TestSmartWallet",
];

// Cancun rather than solc's newer default so the bytecode also runs on chains that lag anvil's hardfork.
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
} as const;

let memo: Promise<Artifacts> | undefined;

/**
 * Compiled artifacts for the contracts in `contracts/`. Compiles with the solc-js build shipped in the
 * `solc` npm package (no network) and caches the result under `.cache/`, keyed by everything that
 * can change the output, because loading and running solc-js costs several seconds.
 */
export function loadArtifacts(): Promise<Artifacts> {
  memo ??= loadOrCompile().catch((error: unknown) => {
    memo = undefined;
    throw error;
  });
  return memo;
}

async function loadOrCompile(): Promise<Artifacts> {
  const sources = readSources();
  const key = cacheKey(sources);
  const cacheFile = join(cacheDir, `artifacts-${key}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, "utf8")) as Artifacts;
  } catch {
    // No usable cache entry: compile below.
  }
  const artifacts = await compile(sources);
  mkdirSync(cacheDir, { recursive: true });
  // Write then rename so parallel test workers never read a half-written file.
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(artifacts));
  renameSync(tmp, cacheFile);
  return artifacts;
}

function readSources(): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const file of readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort()) {
    sources[file] = readFileSync(join(contractsDir, file), "utf8");
  }
  return sources;
}

function cacheKey(sources: Record<string, string>): string {
  const solcVersion = readPackageVersion("solc/package.json");
  const ozVersion = readPackageVersion("@openzeppelin/contracts/package.json");
  return createHash("sha256")
    .update(JSON.stringify({ solcVersion, ozVersion, settings: SETTINGS, sources }))
    .digest("hex")
    .slice(0, 16);
}

function readPackageVersion(specifier: string): string {
  return (JSON.parse(readFileSync(require.resolve(specifier), "utf8")) as { version: string }).version;
}

interface SolcOutput {
  errors?: { severity: "error" | "warning" | "info"; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

async function compile(sources: Record<string, string>): Promise<Artifacts> {
  const { default: solc } = await import("solc");
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: SETTINGS,
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(`solc ${solc.version()} failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  }
  const artifacts: Partial<Artifacts> = {};
  for (const name of CONTRACT_NAMES) {
    const compiled = output.contracts?.[`${name}.sol`]?.[name];
    if (!compiled) throw new Error(`solc produced no output for ${name}.sol:${name}`);
    artifacts[name] = {
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
      deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
    };
  }
  return artifacts as Artifacts;
}

/** solc's import callback: only OpenZeppelin is imported, and only from the installed package. */
function findImport(path: string): { contents: string } | { error: string } {
  const prefix = "@openzeppelin/contracts/";
  if (!path.startsWith(prefix) || path.includes("..")) return { error: `unresolvable import ${path}` };
  try {
    return { contents: readFileSync(join(openzeppelinRoot, path.slice(prefix.length)), "utf8") };
  } catch (error) {
    return { error: `cannot read ${path}: ${String(error)}` };
  }
}
