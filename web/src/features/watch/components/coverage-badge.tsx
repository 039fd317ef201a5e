import { t } from '../../../lib/i18n.ts';
import type { CoverageStatus } from '../api/types.ts';

/** Covered, short or empty, in words and colour, with the count against the minimum. */
export function CoverageBadge(props: { status: CoverageStatus; confirmed: number; minVolunteers: number }) {
  return (
    <span class={`watch-status watch-status-${props.status}`} data-status={props.status}>
      {t(`watch.status.${props.status}`)} ·{' '}
      {t('watch.count', { confirmed: props.confirmed, min: props.minVolunteers })}
    </span>
  );
}
