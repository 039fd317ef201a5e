import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isFromModule } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { getWatchCoverage } from '../api/watch.ts';
import { CoverageTable } from '../components/coverage-table.tsx';
import { GapList } from '../components/gap-list.tsx';

const weekMs = 7 * 24 * 60 * 60 * 1000;

/** A coordinator's coverage: the next 72 hours' gaps on top, then one site's week at a glance. */
export function WatchCoveragePage() {
  const [siteId, setSiteId] = useState<string | null>(null);
  const [week, setWeek] = useState<number | null>(null);
  const coverage = useLiveResource(() => getWatchCoverage({ siteId, week }), {
    events: isFromModule('watch'),
    dependencies: [siteId, week],
  });
  const action = useAction();
  const data = coverage.data;
  const moveWeek = (weeks: number) => setWeek((data?.from ?? Date.now()) + weeks * weekMs + weekMs / 2);
  return (
    <section class="watch" aria-labelledby="watch-coverage-title">
      <h1 id="watch-coverage-title">{t('watch.coverageTitle')}</h1>
      <Notice
        message={
          action.message ?? (coverage.error ? errorMessageOf(coverage.error, 'watch.loadFailed') : null)
        }
      />
      {data ? (
        <>
          <GapList gaps={data.gaps} timeZone={data.timeZone} />
          {data.sites.length === 0 ? (
            <p>{t('watch.noSites')}</p>
          ) : (
            <>
              <label for="watch-coverage-site">{t('watch.site')}</label>{' '}
              <select
                id="watch-coverage-site"
                value={data.siteId ?? ''}
                onChange={(event) => setSiteId(event.currentTarget.value)}
              >
                {data.sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </select>{' '}
              <button
                type="button"
                class="button secondary"
                id="watch-previous-week"
                onClick={() => moveWeek(-1)}
              >
                {t('watch.previousWeek')}
              </button>{' '}
              <button type="button" class="button secondary" id="watch-next-week" onClick={() => moveWeek(1)}>
                {t('watch.nextWeek')}
              </button>
              <CoverageTable answer={data} action={action} onChanged={() => void coverage.reload()} />
            </>
          )}
        </>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  );
}
