import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { OneTimeLink } from './account-one-time-link.ts';
import {
  RoleGrantEditor,
  allRoles,
  describeGrant,
  fieldRoles,
  grantableAreas,
  useAreas,
} from './account-role-grants.ts';
import { api, get, post } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { hasRole } from './session.ts';
import type { RoleGrant, Session } from './session.ts';
import { messageOf } from './sign-in.ts';

interface PendingInvitation {
  id: string;
  roles: RoleGrant[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

interface CreatedInvitation {
  id: string;
  link: string;
  expiresAt: number;
}

const lifetimes = [24, 72, 168, 336] as const;

/**
 * Admins and coordinators invite new volunteers: roles (limited to areas if wanted) and a
 * lifetime; the single-use link is shown once. Pending invitations can be revoked (coordinators
 * only their own; the server decides).
 */
export function InvitationsView(props: { session: Session }) {
  const isAdmin = hasRole(props.session, 'admin');
  const grantable = isAdmin ? allRoles : fieldRoles;
  const allAreas = useAreas();
  const limitedTo = grantableAreas(props.session);
  const areas = limitedTo === 'all' ? allAreas : allAreas.filter((area) => limitedTo.includes(area.id));
  const [invitations, setInvitations] = useState<PendingInvitation[] | null>(null);
  const [grants, setGrants] = useState<RoleGrant[]>([
    { role: 'responder', areaId: limitedTo === 'all' ? null : (limitedTo[0] ?? null) },
  ]);
  const [hours, setHours] = useState<number>(168);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setInvitations((await get<{ invitations: PendingInvitation[] }>('/api/invitations')).invitations);
    } catch (caught) {
      setNotice(messageOf(caught, 'invitations.loadFailed'));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      setCreated(await post<CreatedInvitation>('/api/invitations', { roles: grants, expiresInHours: hours }));
      await refresh();
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (invitationId: string) => {
    setNotice(null);
    try {
      await api('DELETE', `/api/invitations/${invitationId}`);
      setNotice(t('invitations.revoked'));
      await refresh();
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    }
  };

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'invitations-title' },
    h('h1', { id: 'invitations-title' }, t('invitations.title')),
    h('p', { class: 'hint' }, t('invitations.explain')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    created
      ? h(
          OneTimeLink,
          { id: 'invitation-link', label: t('invitations.linkLabel'), url: created.link },
          h('p', null, t('invitations.expiresAt', { date: formatTime(created.expiresAt) })),
          h(
            'button',
            { type: 'button', class: 'button-secondary', onClick: () => setCreated(null) },
            t('invitations.another'),
          ),
        )
      : h(
          'form',
          { onSubmit: (event: Event) => void create(event), 'aria-labelledby': 'new-invitation-title' },
          h('h2', { id: 'new-invitation-title' }, t('invitations.new')),
          h(RoleGrantEditor, {
            idPrefix: 'invite',
            grants,
            areas,
            roles: grantable,
            allowsEveryArea: limitedTo === 'all',
            onChange: setGrants,
          }),
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'invite-lifetime' }, t('invitations.lifetime')),
            h(
              'select',
              {
                id: 'invite-lifetime',
                value: String(hours),
                onChange: (event: Event) =>
                  setHours(Number((event.currentTarget as HTMLSelectElement).value)),
              },
              lifetimes.map((value) =>
                h('option', { value: String(value), key: value }, t('invitations.hours', { count: value })),
              ),
            ),
          ),
          h(
            'button',
            {
              type: 'submit',
              class: 'button',
              id: 'create-invitation',
              disabled: isBusy || grants.length === 0,
            },
            t('invitations.create'),
          ),
        ),
    h('h2', { id: 'pending-invitations-title' }, t('invitations.pending')),
    invitations === null
      ? h('p', null, t('app.loading'))
      : invitations.length === 0
        ? h('p', { class: 'empty' }, t('invitations.none'))
        : h(
            'ul',
            { class: 'invitation-list', 'aria-labelledby': 'pending-invitations-title' },
            invitations.map((invitation) =>
              h(
                'li',
                { key: invitation.id, class: 'factor', 'data-invitation-id': invitation.id },
                h(
                  'span',
                  null,
                  h(
                    'strong',
                    null,
                    invitation.roles.map((grant) => describeGrant(grant, allAreas)).join(', '),
                  ),
                  ' · ',
                  t('invitations.created', { date: formatTime(invitation.createdAt) }),
                  ' · ',
                  t('invitations.expiresAt', { date: formatTime(invitation.expiresAt) }),
                ),
                isAdmin || invitation.createdBy === props.session.memberId
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'button-secondary',
                        onClick: () => void revoke(invitation.id),
                      },
                      t('invitations.revoke'),
                    )
                  : null,
              ),
            ),
          ),
  );
}
