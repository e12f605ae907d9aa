import { parseAbi } from "viem";

// Human-readable so viem infers argument and return types; `abi.test.ts` checks each against solc's
// output for the contract of the same name, so the two cannot drift apart.

/** The project's Permit2 stand-in (`contracts/Permit2.sol`): the signature-transfer subset. */
export const permit2Abi = parseAbi([
  "struct TokenPermissions { address token; uint256 amount; }",
  "struct PermitTransferFrom { TokenPermissions permitted; uint256 nonce; uint256 deadline; }",
  "struct SignatureTransferDetails { address to; uint256 requestedAmount; }",
  "error InvalidAmount(uint256 maxAmount)",
  "error InvalidContractSignature()",
  "error InvalidNonce()",
  "error InvalidSignature()",
  "error InvalidSignatureLength()",
  "error InvalidSigner()",
  "error SafeERC20FailedOperation(address token)",
  "error SignatureExpired(uint256 signatureDeadline)",
  "event UnorderedNonceInvalidation(address indexed owner, uint256 word, uint256 mask)",
  "function DOMAIN_SEPARATOR() view returns (bytes32)",
  "function invalidateUnorderedNonces(uint256 wordPos, uint256 mask)",
  "function nonceBitmap(address owner, uint256 wordPos) view returns (uint256 bits)",
  "function permitWitnessTransferFrom(PermitTransferFrom permit, SignatureTransferDetails transferDetails, address owner, bytes32 witness, string witnessTypeString, bytes signature)",
]);

/** The project's x402UptoPermit2Proxy stand-in (`contracts/X402UptoPermit2Proxy.sol`). */
export const x402UptoPermit2ProxyAbi = parseAbi([
  "struct TokenPermissions { address token; uint256 amount; }",
  "struct PermitTransferFrom { TokenPermissions permitted; uint256 nonce; uint256 deadline; }",
  "struct Witness { address to; address facilitator; uint256 validAfter; }",
  "error AmountExceedsPermitted()",
  "error InvalidAmount()",
  "error InvalidDestination()",
  "error InvalidOwner()",
  "error PaymentTooEarly()",
  "error ReentrancyGuardReentrantCall()",
  "error UnauthorizedFacilitator()",
  "event Settled()",
  "function PERMIT2() view returns (address)",
  "function WITNESS_TYPEHASH() view returns (bytes32)",
  "function WITNESS_TYPE_STRING() view returns (string)",
  "function settle(PermitTransferFrom permit, uint256 amount, address owner, Witness witness, bytes signature)",
]);

/** `contracts/TestSmartWallet.sol`: an EIP-1271 wallet for tests. */
export const testSmartWalletAbi = parseAbi([
  "constructor(address owner_)",
  "error NotOwner()",
  "function execute(address target, bytes data) returns (bytes)",
  "function isValidSignature(bytes32 digest, bytes signature) view returns (bytes4)",
  "function owner() view returns (address)",
]);
