import type { MemberStatus, RoleGrant } from '../members/member.contract.ts';

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
  /** Whether the member has enrolled a passkey or a confirmed TOTP. */
  hasSecondFactor: boolean;
  /** Double-submit token the client echoes in `x-csrf-token` on state-changing requests. */
  csrfToken: string;
}
