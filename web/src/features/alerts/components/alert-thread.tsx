import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { getAlertThread } from '../api/alerts.ts';
import { isLive } from '../thread.ts';
import { AlertFollowUp } from './alert-follow-up.tsx';
import { HistoryEntry } from './history-entry.tsx';
import { ThreadStatus } from './thread-status.tsx';

/**
 * The history of an alert (original, follow-ups, cancellation or retraction, oldest first) and,
 * on the live message, its follow-ups and the retraction.
 */
export function AlertThread(props: {
  alertId: string;
  languages: string[];
  retractionText: Record<string, string>;
  areaNames: string[];
  onChanged: () => void;
}) {
  const thread = useResource(() => getAlertThread(props.alertId), [props.alertId]);
  const [notice, setNotice] = useState<Message | null>(null);
  const shown = notice ?? (thread.error ? errorMessageOf(thread.error, 'alerts.loadFailed') : null);
  if (!thread.data) return <Notice message={shown} />;
  const current = thread.data.find((alert) => alert.id === props.alertId);
  const live = thread.data.find(isLive);
  return (
    <div class="alert-thread">
      <Notice message={shown} id="thread-notice" />
      {current && current.id !== live?.id ? (
        <ThreadStatus
          current={current}
          live={live}
          isRetracted={thread.data.some((alert) => alert.templateKey === 'retraction')}
        />
      ) : null}
      {current && live?.id === current.id ? (
        <AlertFollowUp
          alertId={current.id}
          languages={props.languages}
          retractionText={props.retractionText}
          areaNames={props.areaNames}
          onRetracted={() => {
            setNotice(messageOf('retract.done'));
            void thread.reload();
            props.onChanged();
          }}
        />
      ) : null}
      <h2 id="alert-history-title">{t('field.alert.history')}</h2>
      <ol class="alert-history" aria-labelledby="alert-history-title">
        {thread.data.map((alert) => (
          <HistoryEntry key={alert.id} alert={alert} isCurrent={alert.id === props.alertId} />
        ))}
      </ol>
    </div>
  );
}
