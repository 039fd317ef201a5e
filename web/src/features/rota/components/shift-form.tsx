import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import type { Action } from '../../../lib/use-action.ts';
import { addShift } from '../api/rota.ts';
import type { RotaAnswer, RotaRole } from '../api/types.ts';
import { areaChoices, editableMembers } from './rota-choices.ts';

const weekdays = [1, 2, 3, 4, 5, 6, 0];

/** A weekly turn: who, in which role and area, which weekday and hours (the network's time zone). */
export function ShiftForm(props: { rota: RotaAnswer; action: Action; onSaved: () => Promise<void> }) {
  const members = editableMembers(props.rota);
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const roles = members.find((member) => member.id === memberId)?.roles ?? [];
  const [role, setRole] = useState<RotaRole>('dispatcher');
  const [areaId, setAreaId] = useState('');
  const [weekday, setWeekday] = useState(1);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await props.action.run(
      () => addShift({ memberId, role, areaId: areaId === '' ? null : areaId, weekday, start, end }),
      { done: 'rota.shiftSaved' },
    );
    if (saved) await props.onSaved();
  };
  return (
    <form id="shift-form" class="settings-form" onSubmit={(event) => void submit(event)}>
      <h2>{t('rota.addShift')}</h2>
      <label for="shift-member">{t('rota.member')}</label>
      <select id="shift-member" value={memberId} onChange={(event) => setMemberId(event.currentTarget.value)}>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
      <label for="shift-role">{t('rota.roleLabel')}</label>
      <select
        id="shift-role"
        value={role}
        onChange={(event) => setRole(event.currentTarget.value as RotaRole)}
      >
        {(['dispatcher', 'responder'] as const).map((value) => (
          <option key={value} value={value} disabled={!roles.includes(value)}>
            {t(`rota.role.${value}`)}
          </option>
        ))}
      </select>
      <label for="shift-area">{t('rota.area')}</label>
      <select id="shift-area" value={areaId} onChange={(event) => setAreaId(event.currentTarget.value)}>
        {areaChoices(props.rota).map((area) => (
          <option key={area.id} value={area.id}>
            {area.name}
          </option>
        ))}
      </select>
      <label for="shift-weekday">{t('rota.weekday')}</label>
      <select
        id="shift-weekday"
        value={String(weekday)}
        onChange={(event) => setWeekday(Number(event.currentTarget.value))}
      >
        {weekdays.map((day) => (
          <option key={day} value={String(day)}>
            {t(`rota.weekday.${day}`)}
          </option>
        ))}
      </select>
      <label for="shift-start">{t('rota.start')}</label>
      <input
        id="shift-start"
        type="time"
        value={start}
        onInput={(event) => setStart(event.currentTarget.value)}
      />
      <label for="shift-end">{t('rota.end')}</label>
      <input id="shift-end" type="time" value={end} onInput={(event) => setEnd(event.currentTarget.value)} />
      <button type="submit" class="button" disabled={props.action.isBusy || memberId === ''}>
        {t('rota.saveShift')}
      </button>
    </form>
  );
}
