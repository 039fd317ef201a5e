import { formatTime, t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { listFlaggedReports } from '../api/flagged-reports.ts';

/**
 * Reports kept out of the queue because they point at a private person: why each was flagged,
 * its words, and when it is purged. Coordinators of the whole network only; every read is audited.
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
            <li key={report.id} class="flagged-report" data-flagged-report={report.id}>
              <p>
                <strong>{t('flagged.why')}</strong>{' '}
                {report.reasons.map((reason) => t(`flagged.reason.${reason}`)).join(' · ')}
              </p>
              <p dir="auto">{report.description ?? t('flagged.noText')}</p>
              <p class="hint">
                {t('flagged.meta', {
                  channel: t(`channel.${report.channel}`),
                  time: formatTime(report.createdAt),
                  purge: formatTime(report.purgeAt),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
