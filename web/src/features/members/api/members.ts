import { get, post, put, remove } from '../../../lib/api.ts';
import type { RoleGrant } from '../../auth/api/types.ts';
import type {
  ApprovedPrivilegeGrant,
  ChangedRoles,
  CreatedRecoveryLink,
  ExerciseRecipientChange,
  MemberListing,
  MemberSummary,
  PendingPrivilegeGrantList,
  RecoveryApproval,
  RevokedSessions,
} from './types.ts';

/**
 * The full member list. It is asked for by admins and coordinators only (the pages that use it
 * open for them); a dispatcher's answer is the responders view, which lists nobody here.
 */
export async function listMembers(): Promise<MemberSummary[]> {
  const listing = await get<MemberListing>('/api/members');
  return listing.view === 'full' ? listing.members : [];
}

export function vetMember(memberId: string): Promise<unknown> {
  return post(`/api/members/${memberId}/vettings`);
}

/** Coordinator and admin grants in `roles` come back as pending: a second admin approves them. */
export function saveMemberRoles(memberId: string, roles: RoleGrant[]): Promise<ChangedRoles> {
  return put<ChangedRoles>(`/api/members/${memberId}/roles`, { roles });
}

/** Coordinator and admin grants waiting for a second admin (admins only). */
export async function listPendingPrivilegeGrants(): Promise<PendingPrivilegeGrantList['grants']> {
  return (await get<PendingPrivilegeGrantList>('/api/privilege-grants')).grants;
}

export function approvePrivilegeGrant(grantId: string): Promise<ApprovedPrivilegeGrant> {
  return post<ApprovedPrivilegeGrant>(`/api/privilege-grants/${grantId}/approve`);
}

/** Ends every session of another member; answers how many were ended. */
export async function endMemberSessions(memberId: string): Promise<number> {
  return (await post<RevokedSessions>(`/api/members/${memberId}/sessions/revoke`)).revokedCount;
}

export function removeMember(memberId: string): Promise<unknown> {
  return remove(`/api/members/${memberId}`);
}

export function createRecoveryLink(memberId: string): Promise<CreatedRecoveryLink> {
  return post<CreatedRecoveryLink>(`/api/members/${memberId}/recovery-links`);
}

export function approveRecoveryLink(memberId: string, linkId: string): Promise<RecoveryApproval> {
  return post<RecoveryApproval>(`/api/members/${memberId}/recovery-links/${linkId}/approve`);
}

/** Marks whether a member receives EXERCISE (drill) alerts; audited on the server. */
export function setExerciseRecipient(
  memberId: string,
  isExerciseRecipient: boolean,
): Promise<ExerciseRecipientChange> {
  return post<ExerciseRecipientChange>(`/api/members/${memberId}/exercise-recipient`, {
    isExerciseRecipient,
  });
}
