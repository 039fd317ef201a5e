import { relativeTime, t } from '../../../lib/i18n.ts';
import type { PresentedIncident } from '../api/types.ts';
import { distanceMeters } from '../merge-candidates.ts';

/** One incident that could be merged into `into`: a radio button and what tells it apart. */
export function MergeChoice(props: {
  candidate: PresentedIncident;
  into: PresentedIncident;
  isChosen: boolean;
  onChoose: () => void;
}) {
  const { candidate, into } = props;
  const id = `merge-${candidate.id}`;
  const distance =
    into.location && candidate.location
      ? t('dispatch.distance', {
          km: Math.round(distanceMeters(into.location, candidate.location) / 100) / 10,
        })
      : null;
  return (
    <div class="choice">
      <input
        type="radio"
        name="merge-candidate"
        id={id}
        value={candidate.id}
        checked={props.isChosen}
        data-merge-candidate={candidate.id}
        onChange={props.onChoose}
      />
      <label for={id}>
        <span class={`badge status-${candidate.status}`}>{t(`status.${candidate.status}`)}</span>{' '}
        <strong>{t(`category.${candidate.category}`)}</strong>
        {candidate.zip ? ` · ${candidate.zip}` : ''}
        {' · '}
        {t('queue.counts', { reports: candidate.reportCount, sources: candidate.sourceCount })}
        {distance ? ` · ${distance}` : ''}
        {` · ${relativeTime(candidate.latestReportAt)}`}
      </label>
    </div>
  );
}
