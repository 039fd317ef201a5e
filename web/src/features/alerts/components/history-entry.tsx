import { formatTime, languageName, t } from '../../../lib/i18n.ts';
import type { PresentedAlert } from '../api/types.ts';
import { kindLabelOf } from '../kind-label.ts';

/** One message of the thread: kind and time (a link unless it is the one shown) and its texts. */
export function HistoryEntry(props: { alert: PresentedAlert; isCurrent: boolean }) {
  const { alert, isCurrent } = props;
  const texts = Object.entries(alert.freeText);
  const title = (
    <span>
      <strong>{kindLabelOf(alert)}</strong>
      {' · '}
      {t(alert.state === 'approved' ? 'field.alert.sentAt' : 'field.alert.draftedAt', {
        time: formatTime(alert.approvedAt ?? alert.draftedAt),
      })}
      {alert.state === 'draft' ? ` · ${t('field.alert.awaitingApproval')}` : ''}
    </span>
  );
  return (
    <li
      data-history-kind={alert.kind}
      data-history-template={alert.templateKey}
      data-history-state={alert.state}
      aria-current={isCurrent ? 'page' : undefined}
    >
      {isCurrent ? title : <a href={`#/alerts/${alert.id}`}>{title}</a>}
      {texts.length > 0 ? (
        <dl class="free-text">
          {texts.map(([language, text]) => [
            <dt key={`${language}-name`}>{languageName(language)}</dt>,
            <dd key={`${language}-text`} lang={language} dir="auto">
              {text}
            </dd>,
          ])}
        </dl>
      ) : null}
    </li>
  );
}
