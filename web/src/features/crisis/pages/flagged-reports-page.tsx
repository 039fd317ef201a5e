import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { listFlaggedReports } from '../api/flagged-reports.ts';
import { FlaggedReportItem } from '../components/flagged-report-item.tsx';

/**
 * Reports kept out of the queue because they point at a private person: why each was flagged,
 * its words, when it is purged, and release to the queue or delete now. Coordinators of the whole
 * network only; every read is audited.
 */
export function FlaggedReportsPage() {
  const flagged = useResource(listFlaggedReports, []);
  const list = flagged.data ?? [];
  return (
    <section class="panel" aria-labelledby="flagged-title">
      <h1 id="flagged-title">{t('flagged.title')}</h1>
      <p class="hint">{t('flagged.intro')}</p>
      <Notice message={flagged.error ? errorMessageOf(flagged.error, 'flagged.loadFailed') : null} />
      {list.length === 0 ? (
        <p class="empty">{t('flagged.empty')}</p>
      ) : (
        <ul class="flagged-list">
          {list.map((report) => (
            <FlaggedReportItem key={report.id} report={report} onHandled={flagged.reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
