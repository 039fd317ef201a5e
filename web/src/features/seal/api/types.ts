// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  SealStatus,
  UnsealAnswer,
  UnsealRequest,
} from '../../../../../server/modules/system/seal/seal.contract.ts';
