import { t } from '../../../lib/i18n.ts';
import type { IncidentDetail } from '../api/types.ts';

/** Back link, category and status, and the counts line. */
export function IncidentHeader(props: { incident: IncidentDetail['incident'] }) {
  const { incident } = props;
  return (
    <>
      <p>
        <a href="#/queue">{t('incident.back')}</a>
      </p>
      <h1 id="incident-title">
        {t(`category.${incident.category}`)}{' '}
        <span class={`badge status-${incident.status}`}>{t(`status.${incident.status}`)}</span>
      </h1>
      <p class="counts">
        {t('queue.counts', { reports: incident.reportCount, sources: incident.sourceCount })}
        {incident.zip ? ` · ${incident.zip}` : ''}
        {' · '}
        {incident.claim
          ? t('queue.claimedBy', { name: incident.claim.displayName ?? '—' })
          : t('incident.unclaimed')}
      </p>
    </>
  );
}

/** Where this incident's reports went: merged into another, or some split out into a new one. */
export function IncidentMoves(props: { mergedIntoId: string | null; splitIntoId: string | null }) {
  return (
    <>
      {props.mergedIntoId ? (
        <p class="notice" id="merged-into">
          {t('field.merge.mergedInto')}{' '}
          <a href={`#/incident/${props.mergedIntoId}`}>{t('field.merge.openMerged')}</a>
        </p>
      ) : null}
      {props.splitIntoId ? (
        <p class="notice" role="status" id="split-done">
          {t('field.split.done')} <a href={`#/incident/${props.splitIntoId}`}>{t('field.split.openNew')}</a>
        </p>
      ) : null}
    </>
  );
}
