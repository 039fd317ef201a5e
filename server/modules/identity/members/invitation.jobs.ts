import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteSpentInvitations } from './invitation.repository.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Spent invitations are kept a month, so an admin can still see what happened to one. */
export const invitationPurgeTask: PurgeTask = {
  name: 'invitations expired, used or revoked over 30 days ago',
  tables: ['invitations'],
  run: (deps) => deleteSpentInvitations(deps.db, deps.clock.now() - 30 * dayMs),
};
