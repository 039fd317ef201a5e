import { relativeTime, t } from '../../../lib/i18n.ts';
import type { PresentedIncident } from '../api/types.ts';

export function QueueRow(props: { incident: PresentedIncident; isSelected: boolean }) {
  const { incident, isSelected } = props;
  return (
    <li
      class={isSelected ? 'incident-row selected' : 'incident-row'}
      aria-current={isSelected ? 'true' : undefined}
      data-incident-id={incident.id}
    >
      <a href={`#/incident/${incident.id}`}>
        <span class={`badge status-${incident.status}`}>{t(`status.${incident.status}`)}</span>{' '}
        <strong>{t(`category.${incident.category}`)}</strong>
        {incident.zip ? ` · ${incident.zip}` : ''}
      </a>
      <span class="counts">
        {t('queue.counts', { reports: incident.reportCount, sources: incident.sourceCount })}
        {' · '}
        {relativeTime(incident.firstReportAt)}
        {incident.claim ? ` · ${t('queue.claimedBy', { name: incident.claim.displayName ?? '—' })}` : ''}
      </span>
    </li>
  );
}
