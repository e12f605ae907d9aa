// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Permit2} from "./Permit2.sol";

/// @notice The project's own minimal stand-in for x402's `x402UptoPermit2Proxy`, for local chains only:
/// the same `settle` ABI, witness type and errors, so the unmodified x402 SDK `upto` facilitator
/// settles through it. Production chains use the canonical deployment at
/// 0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002; this code is placed at that address with
/// `anvil_setCode`, beside {Permit2} at Permit2's canonical address.
/// @dev The payer signs a Permit2 permit whose spender is this contract and whose witness names the
/// payee and the one facilitator allowed to settle it; the facilitator picks the amount, at most the
/// permitted maximum. No constructor state and no immutables, because `anvil_setCode` runs no constructor.
contract X402UptoPermit2Proxy is ReentrancyGuardTransient {
    struct Witness {
        address to;
        address facilitator;
        uint256 validAfter;
    }

    address public constant PERMIT2 = 0x000000000022D473030F116dDEE9F6B43aC78BA3;

    /// @notice Completes Permit2's PermitWitnessTransferFrom type (referenced types in alphabetical order).
    string public constant WITNESS_TYPE_STRING =
        "Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,address facilitator,uint256 validAfter)";

    bytes32 public constant WITNESS_TYPEHASH = keccak256("Witness(address to,address facilitator,uint256 validAfter)");

    event Settled();

    error AmountExceedsPermitted();
    error UnauthorizedFacilitator();
    error InvalidAmount();
    error InvalidOwner();
    error InvalidDestination();
    error PaymentTooEarly();

    /// @notice Transfers `amount` (≤ the permitted maximum) from `owner` to `witness.to`.
    function settle(
        Permit2.PermitTransferFrom calldata permit,
        uint256 amount,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) external nonReentrant {
        // The witness binds the facilitator, so nobody else can choose the amount of this permit.
        if (msg.sender != witness.facilitator) revert UnauthorizedFacilitator();
        if (amount > permit.permitted.amount) revert AmountExceedsPermitted();
        // A zero transfer would still burn the nonce; x402 settles $0 without a transaction instead.
        if (amount == 0) revert InvalidAmount();
        if (owner == address(0)) revert InvalidOwner();
        if (witness.to == address(0)) revert InvalidDestination();
        if (block.timestamp < witness.validAfter) revert PaymentTooEarly();

        bytes32 witnessHash = keccak256(abi.encode(WITNESS_TYPEHASH, witness.to, witness.facilitator, witness.validAfter));
        Permit2(PERMIT2).permitWitnessTransferFrom(
            permit,
            Permit2.SignatureTransferDetails({to: witness.to, requestedAmount: amount}),
            owner,
            witnessHash,
            WITNESS_TYPE_STRING,
            signature
        );
        emit Settled();
    }
}
