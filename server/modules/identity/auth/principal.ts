import type { MemberStatus, Role } from '../members/index.ts';

export interface RoleGrant {
  role: Role;
  /** null: every area of the network. */
  areaId: string | null;
}

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
