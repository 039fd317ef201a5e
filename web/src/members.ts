import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get, post } from './api.ts';
import { t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

interface Member {
  id: string;
  displayName: string;
  status: string;
  roles: { role: string; areaId: string | null }[];
  vettingCount: number;
}

/** Members with their roles and vetting; a coordinator vets probationary members here. */
export function MembersView() {
  const [members, setMembers] = useState<Member[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
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
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'members-title' },
    h('h1', { id: 'members-title' }, t('members.title')),
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
        ),
      ),
      h(
        'tbody',
        null,
        members.map((member) =>
          h(
            'tr',
            { key: member.id },
            h('td', { dir: 'auto' }, member.displayName),
            h('td', null, member.roles.map((grant) => t(`role.${grant.role}`)).join(', ')),
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
          ),
        ),
      ),
    ),
  );
}
