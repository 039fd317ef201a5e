// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  AddExceptionInput,
  AddShiftInput,
  AreaCoverage,
  CoverageSegment,
  PresentedException,
  PresentedShift,
  RotaAnswer,
  RotaMember,
  RotaRole,
} from '../../../../../server/modules/field/rota/rota.contract.ts';
export type { PageAcknowledgement } from '../../../../../server/modules/field/paging/paging.contract.ts';
