export { testUsdcAbi } from "./abi.ts";
export {
  ANVIL_ADDRESSES,
  ANVIL_KEYS,
  DEMO_PAYER_KEYS,
  DEPLOYER_KEY,
  FACILITATOR_KEY,
  PAY_TO_ADDRESS,
} from "./accounts.ts";
export { anvilBinaryPath, startAnvil, type AnvilInstance, type StartAnvilOptions } from "./anvil.ts";
export {
  testUsdcDomain,
  transferAuthorizationTypedData,
  transferWithAuthorizationTypes,
  type TransferAuthorization,
} from "./authorization.ts";
export { connectLocal, localChainDefinition, type LocalClients } from "./clients.ts";
export { loadArtifacts, type Artifacts, type ContractArtifact, type ContractName } from "./compile.ts";
export {
  MULTICALL3_ADDRESS,
  PERMIT2_ADDRESS,
  TEST_USDC_ADDRESS,
  TEST_USDC_EIP712,
  USDC_DECIMALS,
  X402_UPTO_PERMIT2_PROXY_ADDRESS,
} from "./constants.ts";
export {
  deployTestUsdc,
  installMulticall3,
  mintUsdc,
  setupLocalChain,
  usd,
  usdcBalanceOf,
  type FundRequest,
  type LocalChain,
} from "./deploy.ts";
export { startLocalChain, type RunningLocalChain } from "./local-chain.ts";
export {
  approvePermit2,
  installPermit2,
  permit2Allowance,
  uptoPermitTypedData,
  uptoPermitTypes,
  type UptoPermit,
} from "./permit2.ts";
export { permit2Abi, testSmartWalletAbi, x402UptoPermit2ProxyAbi } from "./permit2-abi.ts";
