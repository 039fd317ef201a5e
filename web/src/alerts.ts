import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get, post } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { messageOf } from './sign-in.ts';
import { useStepUp } from './step-up.ts';
import { AlertThread } from './alert-thread.ts';

interface Alert {
  id: string;
  state: string;
  status: string;
  kind: string;
  category: string;
  draftedBy: string;
  draftedAt: number;
  approvedBy: string | null;
}

interface Preview {
  alert: Alert;
  /** The frozen content shown here; approval names its hash (a re-render meanwhile refuses it). */
  content: { hash: string } | null;
  languages: {
    language: string;
    headline: string;
    text: string;
    sms: string;
    smsSegments: { segments: number };
    recipients: number;
  }[];
  recipients: { total: number };
}

export function AlertList() {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    get<{ alerts: Alert[] }>('/api/alerts')
      .then((list) => setAlerts(list.alerts))
      .catch((caught: unknown) => setNotice(messageOf(caught, 'alerts.loadFailed')));
  }, []);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'alerts-title' },
    h('h1', { id: 'alerts-title' }, t('alerts.title')),
    h('p', { class: 'hint' }, t('alerts.howToDraft')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    alerts.length === 0
      ? h('p', { class: 'empty' }, t('alerts.empty'))
      : h(
          'ul',
          { class: 'alert-list' },
          alerts.map((alert) =>
            h(
              'li',
              { key: alert.id },
              h(
                'a',
                { href: `#/alerts/${alert.id}` },
                alert.kind === 'alert' ? '' : `${t(`field.alertKind.${alert.kind}`)} · `,
                t(`category.${alert.category}`),
                ' · ',
                t(`alertState.${alert.state}`),
              ),
              ` · ${formatTime(alert.draftedAt)}`,
            ),
          ),
        ),
  );
}

/** Preview in every language, then approval by a different coordinator after a fresh second factor. */
export function AlertPage(props: { alertId: string; memberId: string }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stepUp = useStepUp({ hint: t('alerts.stepUpHint'), confirmLabel: t('alerts.confirmApprove') });

  const refresh = useCallback(async () => {
    try {
      setPreview(await get<Preview>(`/api/alerts/${props.alertId}/preview`));
    } catch (caught) {
      setNotice(messageOf(caught, 'alerts.loadFailed'));
    }
  }, [props.alertId]);
  useEffect(() => void refresh(), [refresh]);

  // A STEP_UP_REQUIRED answer opens the shared step-up dialog, then approves again.
  const approve = async () => {
    try {
      const contentHash = preview?.content?.hash;
      const approveShown = () =>
        post(`/api/alerts/${props.alertId}/approve`, { contentHash }).then(() => true);
      if (!(await stepUp.run(approveShown))) return;
      setNotice(t('alerts.approved'));
      await refresh();
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    }
  };

  if (!preview)
    return h(
      'section',
      { class: 'panel' },
      h('h1', null, t('alerts.alertTitle')),
      h('p', null, notice ?? t('app.loading')),
    );
  const { alert } = preview;
  const isOwnDraft = alert.draftedBy === props.memberId;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'alert-title' },
    h('p', null, h('a', { href: '#/alerts' }, t('alerts.back'))),
    h(
      'h1',
      { id: 'alert-title' },
      alert.kind === 'alert' ? t('alerts.alertTitle') : t(`field.alertKind.${alert.kind}`),
      ' · ',
      h('span', { class: 'badge', 'data-alert-state': alert.state }, t(`alertState.${alert.state}`)),
    ),
    alert.status === 'exercise' ? h('p', { class: 'notice' }, t('alerts.exercise')) : null,
    h('p', null, t('alerts.recipients', { count: preview.recipients.total })),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    h('h2', null, t('alerts.preview')),
    h(
      'div',
      { class: 'previews' },
      preview.languages.map((message) =>
        h(
          'article',
          {
            key: message.language,
            lang: message.language,
            dir: message.language === 'ar' ? 'rtl' : 'auto',
            class: 'preview-card',
          },
          h('h3', null, message.headline),
          h('p', null, message.text),
          h('pre', { class: 'sms' }, message.sms),
          h(
            'p',
            { class: 'hint', lang: undefined },
            t('alerts.segments', { count: message.smsSegments.segments }),
          ),
        ),
      ),
    ),
    alert.state === 'draft'
      ? isOwnDraft
        ? h('p', { class: 'hint' }, t('alerts.needsOtherApprover'))
        : h(
            'button',
            { type: 'button', class: 'button', id: 'approve-alert', onClick: () => void approve() },
            t('alerts.approve'),
          )
      : null,
    h(AlertThread, {
      alertId: alert.id,
      languages: preview.languages.map((message) => message.language),
      key: alert.state,
    }),
    stepUp.dialog,
  );
}
