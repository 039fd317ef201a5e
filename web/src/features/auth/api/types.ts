/** A role held by the member, network-wide (`areaId: null`) or limited to one area. */
export interface RoleGrant {
  role: string;
  areaId: string | null;
}

/** GET /api/auth/session. */
export interface Session {
  memberId: string;
  networkId: string;
  status: string;
  roles: RoleGrant[];
  hasSecondFactor: boolean;
  csrfToken: string;
  stepUpUntil: number | null;
}

/** POST /api/auth/sign-in: signed in, or a second step to take with `pendingToken`. */
export interface SignInAnswer {
  status: string;
  pendingToken?: string;
  methods?: string[];
}
