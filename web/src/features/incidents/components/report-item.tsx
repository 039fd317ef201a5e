import { formatTime, t } from '../../../lib/i18n.ts';
import type { TimelineReport } from '../api/types.ts';

/** One report of the timeline; with a checkbox when reports can be split out. */
export function ReportItem(props: {
  report: TimelineReport;
  canSplit: boolean;
  isSelected: boolean;
  onToggle: (isChecked: boolean) => void;
}) {
  const { report } = props;
  const checkboxId = `split-${report.id}`;
  const summary = [
    <strong key="time">{formatTime(report.occurredAt)}</strong>,
    ` · ${t(`channel.${report.channel}`)} · ${t(`category.${report.category}`)}`,
  ];
  return (
    <li data-report-id={report.id}>
      {props.canSplit ? (
        <div class="choice">
          <input
            type="checkbox"
            id={checkboxId}
            checked={props.isSelected}
            aria-describedby="split-hint"
            onChange={(event) => props.onToggle(event.currentTarget.checked)}
          />
          <label for={checkboxId}>{summary}</label>
        </div>
      ) : (
        <div>{summary}</div>
      )}
      {report.locationText || report.zip ? (
        <div>{[report.locationText, report.zip].filter(Boolean).join(' · ')}</div>
      ) : null}
      {report.description ? <p dir="auto">{report.description}</p> : null}
      {report.isFlagged ? <p class="notice">{t('incident.flagged')}</p> : null}
    </li>
  );
}
