import type { MemberStatus, RoleGrant } from '../members/member.contract.ts';
import type { SecondFactorMethod } from './auth.tables.ts';

export type { RoleGrant } from '../members/member.contract.ts';

/** Who is making a request: loaded fresh from the database on every request. */
export interface Principal {
  memberId: string;
  networkId: string;
  sessionId: string;
  status: MemberStatus;
  roles: RoleGrant[];
  /** When a passkey or TOTP was last proved in this session (for step-up). */
  secondFactorAt: number | null;
  /** Which factor was proved at secondFactorAt (approvals and admin actions need a passkey). */
  secondFactorMethod: SecondFactorMethod | null;
  /** Whether the member has enrolled a passkey or a confirmed TOTP. */
  hasSecondFactor: boolean;
  /** Whether the member has registered at least one passkey. */
  hasPasskey: boolean;
  /** Double-submit token the client echoes in `x-csrf-token` on state-changing requests. */
  csrfToken: string;
}
