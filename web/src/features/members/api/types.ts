import type { RoleGrant } from '../../auth/api/types.ts';

/** A member as admins and coordinators see them (GET /api/members, the full view). */
export interface Member {
  id: string;
  displayName: string;
  status: string;
  roles: RoleGrant[];
  vettingCount: number;
}

/** GET /api/invitations. */
export interface PendingInvitation {
  id: string;
  roles: RoleGrant[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

/** POST /api/invitations: the single-use link, shown once. */
export interface CreatedInvitation {
  id: string;
  link: string;
  expiresAt: number;
}

/** POST /api/members/:memberId/recovery-links. */
export interface RecoveryLink {
  id: string;
  url: string;
  expiresAt: number;
  needsApproval: boolean;
}

/** POST /api/members/:memberId/recovery-links/:linkId/approve. */
export interface RecoveryApproval {
  id: string;
  approvedAt: number;
}
