import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Abi, AbiParameter } from "viem";
import {
  eip3009ABI,
  PERMIT2_ADDRESS as SDK_PERMIT2_ADDRESS,
  uptoPermit2WitnessTypes,
  x402UptoPermit2ProxyABI,
  x402UptoPermit2ProxyAddress,
} from "@x402/evm";
import { testUsdcAbi } from "./abi.ts";
import { loadArtifacts } from "./compile.ts";
import { PERMIT2_ADDRESS, X402_UPTO_PERMIT2_PROXY_ADDRESS } from "./constants.ts";
import { uptoPermitTypes } from "./permit2.ts";
import { permit2Abi, testSmartWalletAbi, x402UptoPermit2ProxyAbi } from "./permit2-abi.ts";

type AbiItem = Abi[number];

/** What callers depend on (input names and types, output types, mutability, indexing), defaults made explicit. */
function canonical(item: AbiItem, { withMutability = true } = {}): string {
  const param = (p: AbiParameter, keepName: boolean): unknown => ({
    name: keepName ? p.name : undefined,
    type: p.type,
    indexed: "indexed" in p && p.indexed ? true : undefined,
    components: "components" in p ? p.components.map((c) => param(c, keepName)) : undefined,
  });
  return JSON.stringify({
    type: item.type,
    name: "name" in item ? item.name : undefined,
    inputs: "inputs" in item ? item.inputs.map((p) => param(p, true)) : undefined,
    outputs: "outputs" in item ? item.outputs.map((p) => param(p, false)) : undefined,
    stateMutability: withMutability && "stateMutability" in item ? item.stateMutability : undefined,
    anonymous: "anonymous" in item && item.anonymous ? true : undefined,
  });
}

const canonicalSet = (abi: Abi, withMutability = true) =>
  abi
    .filter((item) => item.type !== "constructor")
    .map((item) => canonical(item, { withMutability }))
    .sort();

describe("compiled contracts", () => {
  it("hand-written testUsdcAbi matches solc's ABI for TestUSDC exactly", async () => {
    const { TestUSDC } = await loadArtifacts();
    expect(canonicalSet(testUsdcAbi)).toEqual(canonicalSet(TestUSDC.abi));
  });

  it("has every function @x402/evm calls, with the exact inputs it encodes", async () => {
    const { TestUSDC } = await loadArtifacts();
    // Mutability aside: x402 declares version() view where ours is pure, which eth_call treats alike.
    const ours = canonicalSet(TestUSDC.abi, false);
    for (const item of eip3009ABI as Abi) {
      expect(ours).toContain(canonical(item, { withMutability: false }));
    }
    expect((eip3009ABI as Abi).filter((i) => "name" in i && i.name === "transferWithAuthorization")).toHaveLength(2);
  });

  it("hand-written Permit2, upto proxy and smart-wallet ABIs match solc's exactly", async () => {
    const { Permit2, X402UptoPermit2Proxy, TestSmartWallet } = await loadArtifacts();
    expect(canonicalSet(permit2Abi)).toEqual(canonicalSet(Permit2.abi));
    expect(canonicalSet(x402UptoPermit2ProxyAbi)).toEqual(canonicalSet(X402UptoPermit2Proxy.abi));
    expect(canonicalSet(testSmartWalletAbi)).toEqual(canonicalSet(TestSmartWallet.abi));
  });

  it("gives the upto proxy what @x402/evm's facilitator calls and decodes, at the addresses it uses", async () => {
    const { X402UptoPermit2Proxy } = await loadArtifacts();
    const ours = canonicalSet(X402UptoPermit2Proxy.abi);
    const sdk = x402UptoPermit2ProxyABI as Abi;
    // settleWithPermit (EIP-2612 gas sponsoring) is left out: TestUSDC has no EIP-2612 permit.
    const used = ["settle", "PERMIT2", "WITNESS_TYPEHASH", "WITNESS_TYPE_STRING"];
    for (const item of sdk.filter((i) => "name" in i && used.includes(i.name))) {
      expect(ours).toContain(canonical(item));
    }
    // The facilitator names a failed settlement from these error names.
    for (const error of ["AmountExceedsPermitted", "UnauthorizedFacilitator", "PaymentTooEarly", "InvalidOwner", "InvalidDestination"]) {
      expect(sdk.some((i) => i.type === "error" && i.name === error)).toBe(true);
      expect(X402UptoPermit2Proxy.abi.some((i) => i.type === "error" && i.name === error)).toBe(true);
    }
    expect(PERMIT2_ADDRESS).toBe(SDK_PERMIT2_ADDRESS);
    expect(X402_UPTO_PERMIT2_PROXY_ADDRESS).toBe(x402UptoPermit2ProxyAddress);
    expect(uptoPermitTypes).toEqual(uptoPermit2WitnessTypes);
  });

  it("compiles with a solc-js build that its pragma accepts", () => {
    const require = createRequire(import.meta.url);
    const { version } = JSON.parse(readFileSync(require.resolve("solc/package.json"), "utf8")) as { version: string };
    for (const file of ["TestUSDC.sol", "Multicall3.sol", "Permit2.sol", "X402UptoPermit2Proxy.sol", "TestSmartWallet.sol"]) {
      const source = readFileSync(new URL(`../contracts/${file}`, import.meta.url), "utf8");
      const minimumPatch = Number(/pragma solidity \^0\.8\.(\d+);/.exec(source)?.[1]);
      expect(version.startsWith("0.8.")).toBe(true);
      expect(Number(version.split(".")[2])).toBeGreaterThanOrEqual(minimumPatch);
    }
  });

  it("yields creation and runtime bytecode for every contract", async () => {
    for (const artifact of Object.values(await loadArtifacts())) {
      expect(artifact.bytecode).toMatch(/^0x(?:[0-9a-f]{2})+$/);
      expect(artifact.deployedBytecode).toMatch(/^0x(?:[0-9a-f]{2})+$/);
    }
  });
});
