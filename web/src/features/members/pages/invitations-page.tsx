import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { OneTimeLink } from '../../account/components/one-time-link.tsx';
import { allRoles, fieldRoles, grantableAreas } from '../../account/grants.ts';
import { useAreaNames } from '../../account/hooks/use-area-names.ts';
import type { RoleGrant } from '../../auth/api/types.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { createInvitation, listInvitations, revokeInvitation } from '../api/invitations.ts';
import type { CreatedInvitation } from '../api/types.ts';
import { InvitationForm } from '../components/invitation-form.tsx';
import { InvitationList } from '../components/invitation-list.tsx';
import { VolunteerImport } from '../components/volunteer-import.tsx';

/**
 * Admins and coordinators invite new volunteers: roles (limited to areas if wanted) and a
 * lifetime; the single-use link is shown once. Pending invitations can be revoked (coordinators
 * only their own; the server decides).
 */
export function InvitationsPage() {
  const session = useSession();
  const isAdmin = hasRole(session, 'admin');
  const allAreas = useAreaNames();
  const limitedTo = grantableAreas(session);
  const areas = limitedTo === 'all' ? allAreas : allAreas.filter((area) => limitedTo.includes(area.id));
  const invitations = useResource(listInvitations, []);
  // Kept here, not in the form: "another invitation" starts from the same roles and lifetime.
  const [grants, setGrants] = useState<RoleGrant[]>([
    { role: 'responder', areaId: limitedTo === 'all' ? null : (limitedTo[0] ?? null) },
  ]);
  const [hours, setHours] = useState<number>(168);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const action = useAction();

  const create = async () => {
    const invitation = await action.run(() => createInvitation(grants, hours));
    if (invitation) setCreated(invitation);
    await invitations.reload();
  };
  const revoke = async (invitationId: string) => {
    await action.run(() => revokeInvitation(invitationId), { done: 'invitations.revoked' });
    await invitations.reload();
  };
  const loadFailure = invitations.error ? errorMessageOf(invitations.error, 'invitations.loadFailed') : null;

  return (
    <section class="panel" aria-labelledby="invitations-title">
      <h1 id="invitations-title">{t('invitations.title')}</h1>
      <p class="hint">{t('invitations.explain')}</p>
      <Notice message={action.message ?? loadFailure} />
      {created ? (
        <OneTimeLink id="invitation-link" label={t('invitations.linkLabel')} url={created.link}>
          <p>{t('invitations.expiresAt', { date: formatTime(created.expiresAt) })}</p>
          <button type="button" class="button-secondary" onClick={() => setCreated(null)}>
            {t('invitations.another')}
          </button>
        </OneTimeLink>
      ) : (
        <InvitationForm
          areas={areas}
          roles={isAdmin ? allRoles : fieldRoles}
          allowsEveryArea={limitedTo === 'all'}
          grants={grants}
          hours={hours}
          isBusy={action.isBusy}
          onGrants={setGrants}
          onHours={setHours}
          onCreate={() => void create()}
        />
      )}
      <h2 id="pending-invitations-title">{t('invitations.pending')}</h2>
      {invitations.data === undefined ? (
        <p>{t('app.loading')}</p>
      ) : invitations.data.length === 0 ? (
        <p class="empty">{t('invitations.none')}</p>
      ) : (
        <InvitationList
          invitations={invitations.data}
          areas={allAreas}
          mayRevoke={(invitation) => isAdmin || invitation.createdBy === session.memberId}
          onRevoke={(invitationId) => void revoke(invitationId)}
        />
      )}
      <VolunteerImport onSent={() => void invitations.reload()} />
    </section>
  );
}
