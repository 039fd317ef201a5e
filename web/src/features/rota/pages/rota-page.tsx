import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { getOwnProfile } from '../../dispatch/api/responder.ts';
import { ResponderDevices } from '../../dispatch/components/responder-devices.tsx';
import { getRota } from '../api/rota.ts';
import { CoverageChart } from '../components/coverage-chart.tsx';
import { ExceptionForm } from '../components/exception-form.tsx';
import { RotaEntries } from '../components/rota-entries.tsx';
import { ShiftForm } from '../components/shift-form.tsx';

/**
 * The roster: who is on duty now, the next 7 days' coverage per area and role (gaps in red),
 * weekly turns and exceptions (coordinators edit everyone's, members their own), and how pages
 * reach this member's phone with the app closed.
 */
export function RotaPage() {
  const rota = useResource(getRota, []);
  const devices = useResource(getOwnProfile, []);
  const action = useAction();
  const deviceAction = useAction();
  const data = rota.data;
  const nameOf = (memberId: string) => data?.members.find((member) => member.id === memberId)?.name ?? '';
  return (
    <section class="rota" aria-labelledby="rota-title">
      <h1 id="rota-title">{t('rota.title')}</h1>
      <Notice
        message={action.message ?? (rota.error ? errorMessageOf(rota.error, 'rota.loadFailed') : null)}
      />
      {data ? (
        <>
          <ul class="on-duty-now" id="on-duty-now">
            {data.onDutyNow.map((entry) => (
              <li key={entry.role} data-role={entry.role}>
                {t(`rota.onDutyNow.${entry.role}`)}:{' '}
                {entry.memberIds.length === 0 ? (
                  <strong class="coverage-gap-text">{t('rota.nobody')}</strong>
                ) : (
                  entry.memberIds.map(nameOf).join(', ')
                )}
              </li>
            ))}
          </ul>
          <CoverageChart rota={data} />
          <RotaEntries rota={data} action={action} onChanged={rota.reload} />
          <ShiftForm rota={data} action={action} onSaved={rota.reload} />
          <ExceptionForm rota={data} action={action} onSaved={rota.reload} />
        </>
      ) : (
        <p>{t('app.loading')}</p>
      )}
      {devices.data ? (
        <>
          <Notice message={deviceAction.message} id="devices-notice" />
          <ResponderDevices profile={devices.data} action={deviceAction} reload={devices.reload} />
        </>
      ) : null}
    </section>
  );
}
