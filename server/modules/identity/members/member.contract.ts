import { z } from 'zod';
import { newPasswordSchema } from '../auth/auth.contract.ts';

/** Every role, in the order screens offer them. */
export const roles = [
  'admin',
  'coordinator',
  'dispatcher',
  'responder',
  'advocate',
  'housing_coordinator',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

/** Who manages membership: invitations, vetting, contact details, templates. */
export const memberManagerRoles = ['admin', 'coordinator'] as const satisfies readonly Role[];
export type MemberManagerRole = (typeof memberManagerRoles)[number];

/** Roles only an admin may hand out: a coordinator cannot create peers or superiors. */
export const adminOnlyRoles = ['admin', 'coordinator'] as const satisfies readonly Role[];
/** The field roles: what a coordinator may grant (within their own areas). */
export type FieldRole = Exclude<Role, (typeof adminOnlyRoles)[number]>;

export const memberStatuses = ['probationary', 'active', 'suspended', 'removed'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** A role held network-wide (`areaId: null`) or limited to one area. */
export interface RoleGrant {
  role: Role;
  /** null: every area of the network. */
  areaId: string | null;
}

export const memberIdSchema = z.uuid();

export const roleGrantSchema = z.strictObject({
  role: z.enum(roles),
  areaId: z.uuid().nullish(),
});

/** At most one grant per role and area; an empty list is allowed (a member with no role). */
export const roleGrantListSchema = z.array(roleGrantSchema).max(30);

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Use at most 80 characters.')
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'Use letters, numbers and punctuation only.');

export const emailSchema = z.string().trim().max(254).pipe(z.email('Enter a valid email address.'));

/** The sign-in module's rule for new passwords: 12 to 256 characters, nothing else. */
export const passwordSchema = newPasswordSchema;

export const newMemberSchema = z.object({
  displayName: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type NewMemberInput = z.infer<typeof newMemberSchema>;

export const replaceRolesSchema = z.strictObject({ roles: roleGrantListSchema });

export const exerciseRecipientSchema = z.strictObject({ isExerciseRecipient: z.boolean() });

export const createInvitationSchema = z.strictObject({
  roles: roleGrantListSchema.min(1, 'Grant at least one role.'),
  expiresInHours: z.number().int().min(1).max(336).default(168),
});

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

// Answers

/** A member as admins and coordinators see them (GET /api/members, the full view). */
export interface MemberSummary {
  id: string;
  displayName: string;
  status: MemberStatus;
  roles: RoleGrant[];
  vettingCount: number;
  isExerciseRecipient: boolean;
  createdAt: number;
  vettedAt: number | null;
}

/** What a dispatcher may know about a responder: enough to dispatch, no contact details. */
export interface ResponderListing {
  id: string;
  displayName: string;
  roles: RoleGrant[];
}

/** GET /api/members: managers get the full view, dispatchers the responders they may send. */
export type MemberListing =
  { view: 'full'; members: MemberSummary[] } | { view: 'responders'; members: ResponderListing[] };

/** GET /api/members/:memberId: with contact details (an audited read). */
export interface MemberDetail extends MemberSummary {
  email: string;
  removedAt: number | null;
  vettings: { coordinatorId: string; createdAt: number }[];
}

/** PUT /api/members/:memberId/roles. */
export interface ChangedRoles {
  id: string;
  /** The roles the member holds now. */
  roles: RoleGrant[];
  /** Coordinator and admin grants waiting for a second admin (ADR 0019). */
  pendingGrants: PendingPrivilegeGrant[];
}

/** A coordinator or admin grant one admin made and a second, different admin must approve. */
export interface PendingPrivilegeGrant {
  id: string;
  memberId: string;
  role: Role;
  areaId: string | null;
  requestedBy: string;
  requestedAt: number;
}

/** GET /api/privilege-grants (admins). */
export interface PendingPrivilegeGrantList {
  grants: (PendingPrivilegeGrant & { memberName: string; requesterName: string })[];
}

/** POST /api/privilege-grants/:grantId/approve. */
export interface ApprovedPrivilegeGrant {
  id: string;
  memberId: string;
  role: Role;
  areaId: string | null;
  approvedAt: number;
  /** Until when the member approves no alert with this role. */
  coolingOffUntil: number;
}

export const privilegeGrantIdSchema = z.uuid();

/** DELETE /api/members/:memberId. */
export interface RemovedMember {
  id: string;
  status: 'removed';
}

/** POST /api/members/:memberId/exercise-recipient. */
export interface ExerciseRecipientChange {
  id: string;
  isExerciseRecipient: boolean;
}

/** POST /api/members/:memberId/vettings. */
export interface VettingResult {
  memberId: string;
  status: MemberStatus;
  vettingCount: number;
}

/** POST /api/invitations: the single-use link, shown once (only the token's hash is stored). */
export interface CreatedInvitation {
  id: string;
  link: string;
  expiresAt: number;
}

/** One invitation not yet used, revoked or expired. */
export interface PendingInvitation {
  id: string;
  roles: RoleGrant[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

/** GET /api/invitations. */
export interface PendingInvitationList {
  invitations: PendingInvitation[];
}

/** DELETE /api/invitations/:invitationId. */
export interface RevokedInvitation {
  id: string;
  revokedAt: number;
}

/** POST /api/members/:memberId/recovery-links: the link, shown once. */
export interface CreatedRecoveryLink {
  id: string;
  url: string;
  expiresAt: number;
  /** A member holding admin or coordinator needs a second person's approval first. */
  needsApproval: boolean;
}

/** POST /api/members/:memberId/recovery-links/:linkId/approve. */
export interface RecoveryApproval {
  id: string;
  approvedAt: number;
}
