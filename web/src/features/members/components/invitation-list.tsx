import { formatTime, t } from '../../../lib/i18n.ts';
import { describeGrant } from '../../account/grants.ts';
import type { AreaName } from '../../account/grants.ts';
import type { PendingInvitation } from '../api/types.ts';

/** Pending invitations; `mayRevoke` says which this member may revoke (the server decides again). */
export function InvitationList(props: {
  invitations: PendingInvitation[];
  areas: readonly AreaName[];
  mayRevoke: (invitation: PendingInvitation) => boolean;
  onRevoke: (invitationId: string) => void;
}) {
  return (
    <ul class="invitation-list" aria-labelledby="pending-invitations-title">
      {props.invitations.map((invitation) => (
        <li key={invitation.id} class="factor" data-invitation-id={invitation.id}>
          <span>
            <strong>{invitation.roles.map((grant) => describeGrant(grant, props.areas)).join(', ')}</strong>
            {' · '}
            {t('invitations.created', { date: formatTime(invitation.createdAt) })}
            {' · '}
            {t('invitations.expiresAt', { date: formatTime(invitation.expiresAt) })}
          </span>
          {props.mayRevoke(invitation) ? (
            <button type="button" class="button-secondary" onClick={() => props.onRevoke(invitation.id)}>
              {t('invitations.revoke')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
