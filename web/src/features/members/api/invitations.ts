import { get, post, remove } from '../../../lib/api.ts';
import type { RoleGrant } from '../../auth/api/types.ts';
import type { CreatedInvitation, PendingInvitation, PendingInvitationList } from './types.ts';

export async function listInvitations(): Promise<PendingInvitation[]> {
  return (await get<PendingInvitationList>('/api/invitations')).invitations;
}

export function createInvitation(roles: RoleGrant[], expiresInHours: number): Promise<CreatedInvitation> {
  return post<CreatedInvitation>('/api/invitations', { roles, expiresInHours });
}

export function revokeInvitation(invitationId: string): Promise<unknown> {
  return remove(`/api/invitations/${invitationId}`);
}
