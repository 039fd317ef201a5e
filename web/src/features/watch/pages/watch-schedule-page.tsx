import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isFromModule } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { getWatchSchedule } from '../api/watch.ts';
import { CalendarPanel } from '../components/calendar-panel.tsx';
import { ScheduleCard } from '../components/schedule-card.tsx';

/** A volunteer's next two weeks of watch shifts at their areas' sites: sign up, or cancel. */
export function WatchSchedulePage() {
  const schedule = useLiveResource(getWatchSchedule, { events: isFromModule('watch') });
  const action = useAction();
  const data = schedule.data;
  return (
    <section class="watch" aria-labelledby="watch-schedule-title">
      <h1 id="watch-schedule-title">{t('watch.scheduleTitle')}</h1>
      <Notice
        message={
          action.message ?? (schedule.error ? errorMessageOf(schedule.error, 'watch.loadFailed') : null)
        }
      />
      {data ? (
        data.occurrences.length === 0 ? (
          <p>{t('watch.noShifts')}</p>
        ) : (
          <ul class="watch-occurrences" id="watch-schedule">
            {data.occurrences.map((occurrence) => (
              <ScheduleCard
                key={`${occurrence.shiftId}-${occurrence.startsAt}`}
                occurrence={occurrence}
                timeZone={data.timeZone}
                action={action}
                onChanged={() => void schedule.reload()}
              />
            ))}
          </ul>
        )
      ) : (
        <p>{t('app.loading')}</p>
      )}
      <CalendarPanel action={action} />
    </section>
  );
}
