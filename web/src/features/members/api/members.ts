import { get, post, put, remove } from '../../../lib/api.ts';
import type { RoleGrant } from '../../auth/api/types.ts';
import type { Member, RecoveryApproval, RecoveryLink } from './types.ts';

export async function listMembers(): Promise<Member[]> {
  return (await get<{ members: Member[] }>('/api/members')).members;
}

export function vetMember(memberId: string): Promise<unknown> {
  return post(`/api/members/${memberId}/vettings`);
}

export function saveMemberRoles(memberId: string, roles: RoleGrant[]): Promise<unknown> {
  return put(`/api/members/${memberId}/roles`, { roles });
}

/** Ends every session of another member; answers how many were ended. */
export async function endMemberSessions(memberId: string): Promise<number> {
  return (await post<{ revokedCount: number }>(`/api/members/${memberId}/sessions/revoke`)).revokedCount;
}

export function removeMember(memberId: string): Promise<unknown> {
  return remove(`/api/members/${memberId}`);
}

export function createRecoveryLink(memberId: string): Promise<RecoveryLink> {
  return post<RecoveryLink>(`/api/members/${memberId}/recovery-links`);
}

export function approveRecoveryLink(memberId: string, linkId: string): Promise<RecoveryApproval> {
  return post<RecoveryApproval>(`/api/members/${memberId}/recovery-links/${linkId}/approve`);
}
