// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  CreatedOperatorNetwork,
  NetworkHealth,
  NetworkSuspension,
  OperatorNetworkInput,
  OperatorNetworkList,
  OperatorSessionView,
  OperatorSetupView,
} from '../../../../../server/modules/identity/operators/operator.contract.ts';
