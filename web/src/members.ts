import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { RecoveryLinkSection } from './account-recovery.ts';
import { RoleGrantEditor, allRoles, describeGrant, useAreas } from './account-role-grants.ts';
import type { AreaName } from './account-role-grants.ts';
import { api, get, post, put } from './api.ts';
import { t } from './i18n.ts';
import { hasRole } from './session.ts';
import type { RoleGrant, Session } from './session.ts';
import { messageOf } from './sign-in.ts';
import { useStepUp } from './step-up.ts';

interface Member {
  id: string;
  displayName: string;
  status: string;
  roles: RoleGrant[];
  vettingCount: number;
}

type RunWithStepUp = <T>(action: () => Promise<T>) => Promise<T | undefined>;

/**
 * Members with their roles and vetting; a coordinator vets probationary members here. An admin
 * also manages a member: roles limited to areas, ending their sessions, a recovery link, removal.
 */
export function MembersView(props: { session: Session }) {
  const isAdmin = hasRole(props.session, 'admin');
  const areas = useAreas();
  const [members, setMembers] = useState<Member[]>([]);
  const [managedId, setManagedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stepUp = useStepUp({ hint: t('stepUp.hintMembers') });
  const refresh = useCallback(async () => {
    try {
      setMembers((await get<{ members: Member[] }>('/api/members')).members);
    } catch (caught) {
      setNotice(messageOf(caught, 'members.loadFailed'));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  const vet = async (memberId: string) => {
    try {
      await post(`/api/members/${memberId}/vettings`);
      setNotice(t('members.vetted'));
      await refresh();
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    }
  };
  const managed = members.find((member) => member.id === managedId) ?? null;
  return h(
    'section',
    { class: 'panel members-panel', 'aria-labelledby': 'members-title' },
    h('h1', { id: 'members-title' }, t('members.title')),
    hasRole(props.session, 'admin', 'coordinator')
      ? h('p', null, h('a', { href: '#/invitations' }, t('memberAdmin.inviteLink')))
      : null,
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    h(
      'table',
      { class: 'members' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['members.name', 'members.roles', 'members.status', 'members.vetting'].map((key) =>
            h('th', { scope: 'col', key }, t(key)),
          ),
          isAdmin ? h('th', { scope: 'col' }, t('memberAdmin.actions')) : null,
        ),
      ),
      h(
        'tbody',
        null,
        members.map((member) =>
          h(
            'tr',
            { key: member.id, 'data-member-id': member.id },
            h('td', { dir: 'auto' }, member.displayName),
            h('td', null, member.roles.map((grant) => describeGrant(grant, areas)).join(', ')),
            h('td', null, t(`memberStatus.${member.status}`)),
            h(
              'td',
              null,
              t('members.vettingCount', { count: member.vettingCount }),
              member.status === 'probationary'
                ? h(
                    'button',
                    { type: 'button', class: 'button-secondary', onClick: () => void vet(member.id) },
                    t('members.vet'),
                  )
                : null,
            ),
            isAdmin
              ? h(
                  'td',
                  null,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button-secondary',
                      'aria-expanded': managedId === member.id ? 'true' : 'false',
                      'aria-controls': 'member-manage',
                      'aria-label': t('memberAdmin.manageNamed', { name: member.displayName }),
                      onClick: () => setManagedId(managedId === member.id ? null : member.id),
                    },
                    t('memberAdmin.manage'),
                  ),
                )
              : null,
          ),
        ),
      ),
    ),
    isAdmin && managed
      ? h(MemberManagement, {
          key: managed.id,
          member: managed,
          areas,
          isSelf: managed.id === props.session.memberId,
          runWithStepUp: stepUp.run,
          onChanged: async (noticeText: string, isGone = false) => {
            setNotice(noticeText);
            if (isGone) setManagedId(null);
            await refresh();
          },
        })
      : null,
    stepUp.dialog,
  );
}

/** One member's administration: roles (step-up), sessions, recovery link (step-up), removal (step-up). */
function MemberManagement(props: {
  member: Member;
  areas: readonly AreaName[];
  isSelf: boolean;
  runWithStepUp: RunWithStepUp;
  onChanged: (notice: string, isGone?: boolean) => Promise<void>;
}) {
  const { member } = props;
  const [grants, setGrants] = useState<RoleGrant[]>(member.roles);
  const [error, setError] = useState<string | null>(null);
  const [isConfirmingRemoval, setConfirmingRemoval] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const attempt = async (action: () => Promise<string | undefined>, isGone = false) => {
    setBusy(true);
    setError(null);
    try {
      const done = await action();
      if (done) await props.onChanged(done, isGone);
    } catch (caught) {
      setError(messageOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  const saveRoles = () =>
    attempt(async () => {
      const saved = await props.runWithStepUp(() =>
        put(`/api/members/${member.id}/roles`, { roles: grants }),
      );
      return saved ? t('memberAdmin.rolesSaved', { name: member.displayName }) : undefined;
    });
  const endSessions = () =>
    attempt(async () => {
      const ended = await post<{ revokedCount: number }>(`/api/members/${member.id}/sessions/revoke`);
      return t('memberAdmin.sessionsEnded', { count: ended.revokedCount, name: member.displayName });
    });
  const remove = () =>
    attempt(async () => {
      const removed = await props.runWithStepUp(() => api('DELETE', `/api/members/${member.id}`));
      return removed ? t('memberAdmin.removed', { name: member.displayName }) : undefined;
    }, true);

  return h(
    'section',
    { class: 'member-manage', id: 'member-manage', 'aria-labelledby': 'member-manage-title' },
    h('h2', { id: 'member-manage-title', dir: 'auto' }, t('memberAdmin.title', { name: member.displayName })),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    h(
      'section',
      { class: 'account-part', 'aria-labelledby': 'member-roles-title' },
      h('h3', { id: 'member-roles-title' }, t('memberAdmin.rolesTitle')),
      h('p', { class: 'hint' }, t('memberAdmin.rolesHint')),
      h(RoleGrantEditor, {
        idPrefix: 'member',
        grants,
        areas: props.areas,
        roles: allRoles,
        onChange: setGrants,
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'save-roles',
          disabled: isBusy,
          onClick: () => void saveRoles(),
        },
        t('memberAdmin.saveRoles'),
      ),
    ),
    h(
      'section',
      { class: 'account-part', 'aria-labelledby': 'member-sessions-title' },
      h('h3', { id: 'member-sessions-title' }, t('memberAdmin.sessionsTitle')),
      h('p', { class: 'hint' }, t('memberAdmin.sessionsHint')),
      h(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          id: 'end-member-sessions',
          disabled: isBusy,
          onClick: () => void endSessions(),
        },
        t('memberAdmin.endSessions'),
      ),
    ),
    props.isSelf
      ? null
      : h(RecoveryLinkSection, {
          memberId: member.id,
          memberName: member.displayName,
          runWithStepUp: props.runWithStepUp,
        }),
    props.isSelf
      ? null
      : h(
          'section',
          { class: 'account-part', 'aria-labelledby': 'member-remove-title' },
          h('h3', { id: 'member-remove-title' }, t('memberAdmin.removeTitle')),
          h('p', { class: 'hint' }, t('memberAdmin.removeHint')),
          isConfirmingRemoval
            ? h(
                'div',
                { class: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'button-danger',
                    id: 'confirm-remove-member',
                    disabled: isBusy,
                    onClick: () => void remove(),
                  },
                  t('memberAdmin.confirmRemove', { name: member.displayName }),
                ),
                h(
                  'button',
                  { type: 'button', class: 'button-secondary', onClick: () => setConfirmingRemoval(false) },
                  t('stepUp.cancel'),
                ),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'button-danger',
                  id: 'remove-member',
                  onClick: () => setConfirmingRemoval(true),
                },
                t('memberAdmin.remove'),
              ),
        ),
  );
}
