import { t } from '../../../lib/i18n.ts';
import type { Action } from '../../../lib/use-action.ts';
import { removeException, removeShift } from '../api/rota.ts';
import type { RotaAnswer } from '../api/types.ts';
import { canEdit } from './rota-choices.ts';

const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The weekly turns and the exceptions (time off, extra turns, swaps), each removable by who may edit it. */
export function RotaEntries(props: { rota: RotaAnswer; action: Action; onChanged: () => Promise<void> }) {
  const { rota, action } = props;
  const areaName = (areaId: string | null) =>
    rota.coverage.find((entry) => entry.areaId === areaId)?.areaName ?? t('rota.anyArea');
  const run = async (step: () => Promise<unknown>, done: string) => {
    if (await action.succeeds(step, { done })) await props.onChanged();
  };
  return (
    <>
      <h2>{t('rota.shifts')}</h2>
      <table class="rota-shifts" id="rota-shifts">
        <tbody>
          {rota.shifts.map((shift) => (
            <tr key={shift.id} data-shift={shift.id} data-member={shift.memberId}>
              <td>{shift.memberName}</td>
              <td>{t(`rota.role.${shift.role}`)}</td>
              <td>{areaName(shift.areaId)}</td>
              <td>
                {t(`rota.weekday.${shift.weekday}`)} {shift.start}–{shift.end}
              </td>
              <td>
                {canEdit(rota, shift.memberId) ? (
                  <button
                    type="button"
                    class="button-secondary"
                    onClick={() => void run(() => removeShift(shift.id), 'rota.removed')}
                  >
                    {t('rota.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('rota.exceptions')}</h2>
      <table class="rota-exceptions" id="rota-exceptions">
        <tbody>
          {rota.exceptions.map((exception) => (
            <tr key={exception.id} data-exception={exception.id} data-kind={exception.kind}>
              <td>{exception.memberName}</td>
              <td>
                {t(
                  exception.swapId && exception.kind === 'extra'
                    ? 'rota.kind.covers'
                    : `rota.kind.${exception.kind}`,
                )}
              </td>
              <td>{t(`rota.role.${exception.role}`)}</td>
              <td>
                {when(exception.startsAt)} – {when(exception.endsAt)}
              </td>
              <td>
                {canEdit(rota, exception.memberId) ? (
                  <button
                    type="button"
                    class="button-secondary"
                    onClick={() => void run(() => removeException(exception.id), 'rota.removed')}
                  >
                    {t('rota.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
