import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContractAddress } from "viem";
import { ANVIL_ADDRESSES } from "./accounts.ts";
import { startAnvil } from "./anvil.ts";
import { connectLocal } from "./clients.ts";
import { testUsdcAbi } from "./abi.ts";
import { MULTICALL3_ADDRESS, TEST_USDC_ADDRESS } from "./constants.ts";
import { setupLocalChain, usd, usdcBalanceOf } from "./deploy.ts";
import { startLocalChain, type RunningLocalChain } from "./local-chain.ts";

describe("usd", () => {
  it("converts dollars to 6-decimal atomic units without float error", () => {
    expect(usd(1000)).toBe(1_000_000_000n);
    expect(usd("0.01")).toBe(10_000n);
    expect(usd(0.3)).toBe(300_000n);
  });
});

describe("TEST_USDC_ADDRESS", () => {
  it("is the CREATE address of the deployer's first transaction", () => {
    expect(getContractAddress({ from: ANVIL_ADDRESSES[0], nonce: 0n })).toBe(TEST_USDC_ADDRESS);
  });
});

describe("setupLocalChain", () => {
  let chain: RunningLocalChain;
  const [alice, bob] = [ANVIL_ADDRESSES[1], ANVIL_ADDRESSES[2]];

  beforeAll(async () => {
    chain = await startLocalChain({ fund: [{ address: alice, usd: 1000 }, { address: bob, usd: "2.5" }] });
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it("deploys TestUSDC at the fixed address, installs Multicall3 and funds wallets", async () => {
    expect(chain).toMatchObject({ chainId: 31337, network: "eip155:31337", usdc: TEST_USDC_ADDRESS });
    expect(await usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address: alice })).toBe(usd(1000));
    expect(await usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address: bob })).toBe(2_500_000n);
    const { publicClient } = await connectLocal(chain.rpcUrl);
    expect(await publicClient.getCode({ address: MULTICALL3_ADDRESS })).toMatch(/^0x[0-9a-f]{100,}$/);
    // viem's own multicall goes through aggregate3 on the installed contract.
    const [name, balance] = await publicClient.multicall({
      allowFailure: false,
      contracts: [
        { address: chain.usdc, abi: testUsdcAbi, functionName: "name" },
        { address: chain.usdc, abi: testUsdcAbi, functionName: "balanceOf", args: [bob] },
      ],
    });
    expect([name, balance]).toEqual(["USD Coin", 2_500_000n]);
  });

  it("reuses the existing token when run again on the same node", async () => {
    const again = await setupLocalChain({ rpcUrl: chain.rpcUrl, fund: [{ address: bob, usd: 1 }] });
    expect(again.usdc).toBe(chain.usdc);
    expect(await usdcBalanceOf({ rpcUrl: chain.rpcUrl, usdc: chain.usdc, address: bob })).toBe(3_500_000n);
  });
});

describe("startAnvil", () => {
  it("honours blockTime, and setup still takes about one block for many mints", async () => {
    const anvil = await startAnvil({ blockTime: 1, chainId: 1337 });
    try {
      const started = Date.now();
      const chain = await setupLocalChain({
        rpcUrl: anvil.rpcUrl,
        fund: ANVIL_ADDRESSES.slice(1, 5).map((address) => ({ address, usd: 1 })),
      });
      expect(chain.chainId).toBe(1337);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await usdcBalanceOf({ rpcUrl: anvil.rpcUrl, usdc: chain.usdc, address: ANVIL_ADDRESSES[4] })).toBe(usd(1));
    } finally {
      await anvil.stop();
    }
  });

  it("stops the process and frees the port", async () => {
    const anvil = await startAnvil();
    await anvil.stop();
    await anvil.stop();
    await expect(fetch(anvil.rpcUrl, { method: "POST" })).rejects.toThrow();
    expect(() => process.kill(anvil.pid, 0)).toThrow();
  });
});
