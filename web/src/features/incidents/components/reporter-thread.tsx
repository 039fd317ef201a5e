import { formText } from '../../../lib/forms.ts';
import { formatTime, t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isAbout } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { listMessages, sendMessage } from '../api/messages.ts';
import type { TimelineReport } from '../api/types.ts';

/** Reports whose reporter left a number and agreed to be contacted. */
function reachableReports(reports: readonly TimelineReport[]): TimelineReport[] {
  return reports.filter((report) => report.hasCallbackContact && report.contactConsent);
}

/**
 * The two-way SMS thread with the incident's consenting reporters: what was sent and received,
 * and a form to text one of them. Shown only when someone may be texted or a thread exists.
 */
export function ReporterThread(props: { incidentId: string; reports: TimelineReport[]; isClosed: boolean }) {
  const reachable = reachableReports(props.reports);
  const live = { events: isAbout(props.incidentId), dependencies: [props.incidentId] };
  const thread = useLiveResource(() => listMessages(props.incidentId), live);
  const send = useAction();
  const messages = thread.data ?? [];
  if (reachable.length === 0 && messages.length === 0) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = formText(form, 'body');
    const reportId = formText(form, 'reportId');
    if (!body || !reportId) return;
    const isSent = await send.succeeds(() => sendMessage(props.incidentId, reportId, body), {
      done: 'thread.queued',
    });
    if (isSent) form.reset();
    await thread.reload();
  };
  return (
    <section class="reporter-thread" aria-labelledby="thread-title" id="reporter-thread">
      <h2 id="thread-title">{t('thread.title')}</h2>
      <p class="hint">{t('thread.intro')}</p>
      {messages.length === 0 ? (
        <p class="empty">{t('thread.empty')}</p>
      ) : (
        <ol class="thread-messages">
          {messages.map((message) => (
            <li key={message.id} data-direction={message.direction} data-message-status={message.status}>
              <span class="thread-meta">
                {t(message.direction === 'inbound' ? 'thread.fromReporter' : 'thread.toReporter')}
                {' · '}
                {formatTime(message.createdAt)}
                {' · '}
                {t(`thread.status.${message.status}`)}
              </span>
              <p dir="auto">{message.body ?? t('thread.unreadable')}</p>
            </li>
          ))}
        </ol>
      )}
      <Notice message={send.message} id="thread-notice" />
      {props.isClosed || reachable.length === 0 ? null : (
        <form onSubmit={(event) => void submit(event)}>
          <label for="thread-report">{t('thread.to')}</label>
          <select id="thread-report" name="reportId">
            {reachable.map((report) => (
              <option key={report.id} value={report.id}>
                {t('thread.reporterOption', {
                  channel: t(`channel.${report.channel}`),
                  time: formatTime(report.receivedAt),
                })}
              </option>
            ))}
          </select>
          <label for="thread-body">{t('thread.body')}</label>
          <textarea id="thread-body" name="body" rows={3} maxLength={480} dir="auto" required />
          <button type="submit" class="button" id="thread-send" disabled={send.isBusy}>
            {t('thread.send')}
          </button>
        </form>
      )}
    </section>
  );
}
