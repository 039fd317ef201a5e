/** Sealed mode (ADR 0030): the server that waits, keys locked, for an admin to unseal it. */
export { startSealedServer, unsealLimits } from './sealed-server.ts';
export type { SealedServer } from './sealed-server.ts';
export type { SealStatus, UnsealAnswer, UnsealRequest } from './seal.contract.ts';
