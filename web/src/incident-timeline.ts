import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from './api.ts';
import { useShortcut } from './help.ts';
import { formatTime, t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

export interface TimelineReport {
  id: string;
  channel: string;
  category: string;
  occurredAt: number;
  locationText: string | null;
  zip: string | null;
  description: string | null;
  isFlagged: boolean;
}

interface SplitAnswer {
  newIncident: { id: string };
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
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  // Reports that left the incident (someone else split or merged) are no longer selectable.
  const reportKey = reports.map((report) => report.id).join(',');
  useEffect(() => {
    setSelected((current) => new Set([...current].filter((id) => reports.some((r) => r.id === id))));
  }, [reportKey]);
  useEffect(() => {
    if (isConfirming) confirmButton.current?.focus();
  }, [isConfirming]);

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
  const toggle = (reportId: string, isChecked: boolean) => {
    setConfirming(false);
    setSelected((current) => {
      const next = new Set(current);
      if (isChecked) next.add(reportId);
      else next.delete(reportId);
      return next;
    });
  };

  const split = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<SplitAnswer>(`/api/incidents/${props.incidentId}/split`, {
        reportIds: [...selected],
      });
      setSelected(new Set());
      setConfirming(false);
      props.onSplit(answer.newIncident.id);
    } catch (caught) {
      setError(messageOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  return h(
    'section',
    { class: 'timeline-section', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('incident.timeline')),
    canSplit ? h('p', { class: 'hint', id: 'split-hint' }, t('field.split.hint')) : null,
    h(
      'ol',
      { class: 'timeline' },
      reports.map((report) => reportItem(report)),
    ),
    canSplit && selected.size > 0
      ? h(
          'div',
          { class: 'split-bar', role: 'group', 'aria-label': t('field.split.label') },
          isAllSelected
            ? h('p', { class: 'hint' }, t('field.split.keepOne'))
            : isConfirming
              ? [
                  h(
                    'p',
                    { key: 'question', id: 'split-question' },
                    t('field.split.confirmQuestion', { count: selected.size }),
                  ),
                  h(
                    'button',
                    {
                      key: 'yes',
                      type: 'button',
                      class: 'button',
                      id: 'confirm-split',
                      ref: confirmButton,
                      disabled: isBusy,
                      'aria-describedby': 'split-question',
                      onClick: () => void split(),
                    },
                    t('field.split.confirm'),
                  ),
                  h(
                    'button',
                    {
                      key: 'no',
                      type: 'button',
                      class: 'button-secondary',
                      onClick: () => setConfirming(false),
                    },
                    t('field.cancel'),
                  ),
                ]
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'button-secondary',
                    id: 'split-reports',
                    'aria-keyshortcuts': 's',
                    onClick: () => setConfirming(true),
                  },
                  t('field.split.action', { count: selected.size }),
                ),
          error ? h('p', { class: 'error', role: 'alert' }, error) : null,
        )
      : null,
  );

  function reportItem(report: TimelineReport) {
    const checkboxId = `split-${report.id}`;
    const summary = [
      h('strong', { key: 'time' }, formatTime(report.occurredAt)),
      ` · ${t(`channel.${report.channel}`)} · ${t(`category.${report.category}`)}`,
    ];
    return h(
      'li',
      { key: report.id, 'data-report-id': report.id },
      canSplit
        ? h(
            'div',
            { class: 'choice' },
            h('input', {
              type: 'checkbox',
              id: checkboxId,
              checked: selected.has(report.id),
              'aria-describedby': 'split-hint',
              onChange: (event: Event) =>
                toggle(report.id, (event.currentTarget as HTMLInputElement).checked),
            }),
            h('label', { for: checkboxId }, summary),
          )
        : h('div', null, summary),
      report.locationText || report.zip
        ? h('div', null, [report.locationText, report.zip].filter(Boolean).join(' · '))
        : null,
      report.description ? h('p', { dir: 'auto' }, report.description) : null,
      report.isFlagged ? h('p', { class: 'notice' }, t('incident.flagged')) : null,
    );
  }
}
