import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { getOfferReport } from '../api/dispatch.ts';
import { useState } from 'preact/hooks';
import type { OfferDetail } from '../api/types.ts';

/**
 * The responder's notes and livestream link, fetched only when the dispatcher asks: the server
 * records each read of them in the audit log.
 */
export function OutcomeReportView(props: { offerId: string }) {
  const [report, setReport] = useState<OfferDetail | null>(null);
  const load = useAction();
  const show = async () => {
    const loaded = await load.run(() => getOfferReport(props.offerId));
    if (loaded) setReport(loaded);
  };
  if (load.message) return <ErrorText message={load.message} />;
  if (!report)
    return (
      <button
        type="button"
        class="button-secondary"
        data-show-report={props.offerId}
        onClick={() => void show()}
      >
        {t('field.outcome.show')}
      </button>
    );
  return (
    <div class="outcome-report">
      {report.notes ? <p dir="auto">{report.notes}</p> : null}
      {report.livestreamUrl ? (
        <p>
          <a href={report.livestreamUrl} target="_blank" rel="noopener noreferrer" data-livestream="">
            {t('field.outcome.livestream')}
          </a>{' '}
          <bdi class="hint" dir="ltr">
            {report.livestreamUrl}
          </bdi>
        </p>
      ) : null}
    </div>
  );
}
