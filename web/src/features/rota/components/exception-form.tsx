import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import type { Action } from '../../../lib/use-action.ts';
import { addException } from '../api/rota.ts';
import type { RotaAnswer, RotaRole } from '../api/types.ts';
import { editableMembers } from './rota-choices.ts';

type Kind = 'off' | 'extra' | 'swap';

/** Time off, an extra turn, or a swap that hands a stretch of time to someone else. */
export function ExceptionForm(props: { rota: RotaAnswer; action: Action; onSaved: () => Promise<void> }) {
  const members = editableMembers(props.rota);
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const [role, setRole] = useState<RotaRole>('dispatcher');
  const [kind, setKind] = useState<Kind>('off');
  const [coverMemberId, setCoverMemberId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const covers = props.rota.members.filter((member) => member.id !== memberId && member.roles.includes(role));
  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await props.action.run(
      () =>
        addException({
          memberId,
          role,
          kind,
          startsAt: new Date(from).getTime(),
          endsAt: new Date(to).getTime(),
          ...(kind === 'swap' ? { coverMemberId } : {}),
        }),
      { done: 'rota.exceptionSaved' },
    );
    if (saved) await props.onSaved();
  };
  return (
    <form id="exception-form" class="settings-form" onSubmit={(event) => void submit(event)}>
      <h2>{t('rota.addException')}</h2>
      <label for="exception-member">{t('rota.member')}</label>
      <select
        id="exception-member"
        value={memberId}
        onChange={(event) => setMemberId(event.currentTarget.value)}
      >
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
      <label for="exception-role">{t('rota.roleLabel')}</label>
      <select
        id="exception-role"
        value={role}
        onChange={(event) => setRole(event.currentTarget.value as RotaRole)}
      >
        <option value="dispatcher">{t('rota.role.dispatcher')}</option>
        <option value="responder">{t('rota.role.responder')}</option>
      </select>
      <label for="exception-kind">{t('rota.kind')}</label>
      <select
        id="exception-kind"
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value as Kind)}
      >
        <option value="off">{t('rota.kind.off')}</option>
        <option value="extra">{t('rota.kind.extra')}</option>
        <option value="swap">{t('rota.kind.swap')}</option>
      </select>
      {kind === 'swap' ? (
        <>
          <label for="exception-cover">{t('rota.cover')}</label>
          <select
            id="exception-cover"
            value={coverMemberId}
            onChange={(event) => setCoverMemberId(event.currentTarget.value)}
          >
            <option value="">—</option>
            {covers.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label for="exception-from">{t('rota.from')}</label>
      <input
        id="exception-from"
        type="datetime-local"
        value={from}
        onInput={(event) => setFrom(event.currentTarget.value)}
      />
      <label for="exception-to">{t('rota.to')}</label>
      <input
        id="exception-to"
        type="datetime-local"
        value={to}
        onInput={(event) => setTo(event.currentTarget.value)}
      />
      <button type="submit" class="button" disabled={props.action.isBusy || memberId === '' || !from || !to}>
        {t('rota.saveException')}
      </button>
    </form>
  );
}
