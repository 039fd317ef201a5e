import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { useShortcut } from '../../../lib/keyboard.ts';
import { useAction } from '../../../lib/use-action.ts';
import { splitIncident } from '../api/incidents.ts';
import type { TimelineReport } from '../api/types.ts';
import { ReportItem } from './report-item.tsx';
import { SplitBar } from './split-bar.tsx';

function toggled(current: ReadonlySet<string>, id: string, isChecked: boolean): ReadonlySet<string> {
  const next = new Set(current);
  if (isChecked) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * The report timeline. On an open incident with more than one report, each report has a checkbox,
 * and the selected ones can be split out into a new incident after a confirmation.
 */
export function ReportTimeline(props: {
  incidentId: string;
  reports: TimelineReport[];
  isClosed: boolean;
  onSplit: (newIncidentId: string) => void;
}) {
  const { reports } = props;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [isConfirming, setConfirming] = useState(false);
  const split = useAction();

  // Reports that left the incident (someone else split or merged) are no longer selectable.
  const reportKey = reports.map((report) => report.id).join(',');
  useEffect(() => {
    setSelected((current) => new Set([...current].filter((id) => reports.some((r) => r.id === id))));
  }, [reportKey]);

  const canSplit = !props.isClosed && reports.length > 1;
  const isAllSelected = selected.size === reports.length;
  // "s": ask to split the ticked reports out (the confirmation gets the focus); with none ticked,
  // go to the first report's checkbox so it can be ticked with the space bar.
  useShortcut('s', () => {
    if (!canSplit) return false;
    if (selected.size === 0) {
      document.getElementById(`split-${reports[0]?.id ?? ''}`)?.focus();
      return true;
    }
    if (isAllSelected) return false;
    setConfirming(true);
    return true;
  });

  const confirmSplit = async () => {
    const newIncidentId = await split.run(() => splitIncident(props.incidentId, [...selected]));
    if (newIncidentId === undefined) return;
    setSelected(new Set());
    setConfirming(false);
    props.onSplit(newIncidentId);
  };

  return (
    <section class="timeline-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('incident.timeline')}</h2>
      {canSplit ? (
        <p class="hint" id="split-hint">
          {t('field.split.hint')}
        </p>
      ) : null}
      <ol class="timeline">
        {reports.map((report) => (
          <ReportItem
            key={report.id}
            report={report}
            canSplit={canSplit}
            isSelected={selected.has(report.id)}
            onToggle={(isChecked) => {
              setConfirming(false);
              setSelected((current) => toggled(current, report.id, isChecked));
            }}
          />
        ))}
      </ol>
      {canSplit && selected.size > 0 ? (
        <SplitBar
          count={selected.size}
          isAllSelected={isAllSelected}
          isConfirming={isConfirming}
          isBusy={split.isBusy}
          error={split.message}
          onAsk={setConfirming}
          onConfirm={() => void confirmSplit()}
        />
      ) : null}
    </section>
  );
}
