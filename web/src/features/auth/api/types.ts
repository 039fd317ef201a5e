// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  FieldRole,
  MemberManagerRole,
  MemberStatus,
  Role,
  RoleGrant,
} from '../../../../../server/modules/identity/members/member.contract.ts';
export type {
  SecondFactorMethod,
  SessionView,
  SignedOutEverywhere,
  SignInAnswer,
} from '../../../../../server/modules/identity/auth/auth.contract.ts';
