// Imported lazily by mint: only this one export of viem/accounts ends up in that chunk.
export { privateKeyToAccount } from "viem/accounts";
