import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, postForFile } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { useNotice } from './incident-notice.ts';
import { hasRole } from './session.ts';
import type { Session } from './session.ts';
import { useStepUp } from './step-up.ts';
import type { PresentedEvidenceExport } from '../../server/modules/field/evidence/evidence-export.service.ts';

/** As the server presents it (a type only: nothing of the server is bundled). */
type EvidenceExport = PresentedEvidenceExport;

/** Saves a file the way a link with `download` would, without keeping it in memory afterwards. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Two-person evidence exports: an advocate or admin asks for the incident's bundle, a different
 * advocate, admin or coordinator approves it, and the one who asked downloads it once within the
 * hour. Each step needs a fresh second factor (the shared step-up dialog).
 */
export function EvidenceExports(props: { incidentId: string; session: Session; changeCount: number }) {
  const { incidentId, session } = props;
  const [exports, setExports] = useState<EvidenceExport[] | null>(null);
  const [isAvailable, setAvailable] = useState(true);
  const [isBusy, setBusy] = useState(false);
  const notice = useNotice();
  const stepUp = useStepUp({ hint: t('exports.stepUpHint') });
  const canRequest = hasRole(session, 'advocate', 'admin');

  const refresh = useCallback(async () => {
    try {
      const list = await get<{ exports: EvidenceExport[] }>(`/api/incidents/${incidentId}/evidence-exports`);
      setExports([...list.exports].sort((first, second) => second.requestedAt - first.requestedAt));
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 403 || caught.status === 404)) setAvailable(false);
      else notice.fail(caught, 'exports.loadFailed');
    }
  }, [incidentId]);
  useEffect(() => void refresh(), [refresh, props.changeCount]);

  if (!isAvailable) return null;

  /** Runs one step through the step-up dialog; a refusal is shown as the server's code, translated. */
  const act = async (step: () => Promise<unknown>, doneKey: string) => {
    setBusy(true);
    try {
      const result = await stepUp.run(step);
      if (result !== undefined) notice.show(doneKey);
    } catch (caught) {
      notice.fail(caught, 'action.failed');
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const download = (item: EvidenceExport) =>
    act(async () => {
      const file = await postForFile(`/api/evidence-exports/${item.id}/download`);
      saveFile(file.blob, file.fileName ?? `evidence-${incidentId}.zip`);
      return file;
    }, 'exports.downloaded');

  return h(
    'section',
    { class: 'evidence-exports', 'aria-labelledby': 'exports-title' },
    h('h2', { id: 'exports-title' }, t('exports.title')),
    h('p', { class: 'hint' }, t('exports.intro')),
    notice.text ? h('p', { class: 'notice', role: 'status', id: 'exports-notice' }, notice.text) : null,
    canRequest
      ? h(
          'p',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'button-secondary',
              id: 'export-request',
              disabled: isBusy,
              onClick: () =>
                void act(() => post(`/api/incidents/${incidentId}/evidence-exports`), 'exports.requested'),
            },
            t('exports.request'),
          ),
        )
      : null,
    exports === null
      ? h('p', null, t('app.loading'))
      : exports.length === 0
        ? h('p', { class: 'empty' }, t('exports.none'))
        : h(
            'ul',
            { class: 'export-list', id: 'export-list' },
            exports.map((item) => exportRow(item)),
          ),
    stepUp.dialog,
  );

  function exportRow(item: EvidenceExport) {
    const isMine = item.requestedBy === session.memberId;
    return h(
      'li',
      { key: item.id, class: 'export-item', 'data-export-id': item.id, 'data-export-status': item.status },
      h(
        'p',
        null,
        h('span', { class: `badge export-${item.status}` }, t(`exports.status.${item.status}`)),
        ' ',
        t(isMine ? 'exports.requestedByYou' : 'exports.requestedByOther', {
          time: formatTime(item.requestedAt),
        }),
      ),
      statusHint(item, isMine),
      h(
        'div',
        { class: 'actions' },
        item.status === 'pending'
          ? h(
              'button',
              {
                type: 'button',
                class: 'button-secondary',
                'data-approve-export': item.id,
                disabled: isBusy,
                onClick: () =>
                  void act(() => post(`/api/evidence-exports/${item.id}/approve`), 'exports.approved'),
              },
              t('exports.approve'),
            )
          : null,
        item.status === 'approved' && isMine
          ? h(
              'button',
              {
                type: 'button',
                class: 'button',
                'data-download-export': item.id,
                disabled: isBusy,
                onClick: () => void download(item),
              },
              t('exports.download'),
            )
          : null,
      ),
    );
  }
}

function statusHint(item: EvidenceExport, isMine: boolean) {
  const time = formatTime(item.expiresAt);
  switch (item.status) {
    case 'pending':
      return h('p', { class: 'hint' }, t(isMine ? 'exports.pendingMine' : 'exports.pendingOther', { time }));
    case 'approved':
      return h(
        'p',
        { class: 'hint' },
        t(isMine ? 'exports.approvedMine' : 'exports.approvedOther', { time }),
      );
    case 'downloaded':
      return h(
        'p',
        { class: 'hint' },
        t('exports.downloadedAt', { time: formatTime(item.downloadedAt ?? 0) }),
      );
    case 'expired':
      return h('p', { class: 'hint' }, t('exports.expiredHint'));
  }
}
