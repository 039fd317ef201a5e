// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  LiveSession,
  LiveSessionList,
  PasskeyList,
  PasskeyView,
  TotpEnrollment,
} from '../../../../../server/modules/identity/auth/auth.contract.ts';
