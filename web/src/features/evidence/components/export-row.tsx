import { formatTime, t } from '../../../lib/i18n.ts';
import type { PresentedEvidenceExport } from '../api/types.ts';

function StatusHint(props: { item: PresentedEvidenceExport; isMine: boolean }) {
  const { item, isMine } = props;
  const time = formatTime(item.expiresAt);
  switch (item.status) {
    case 'pending':
      return <p class="hint">{t(isMine ? 'exports.pendingMine' : 'exports.pendingOther', { time })}</p>;
    case 'approved':
      return <p class="hint">{t(isMine ? 'exports.approvedMine' : 'exports.approvedOther', { time })}</p>;
    case 'downloaded':
      return <p class="hint">{t('exports.downloadedAt', { time: formatTime(item.downloadedAt ?? 0) })}</p>;
    case 'expired':
      return <p class="hint">{t('exports.expiredHint')}</p>;
  }
}

/** One export request: its state, and approve (someone else's) or download (one's own, approved). */
export function ExportRow(props: {
  item: PresentedEvidenceExport;
  isMine: boolean;
  isBusy: boolean;
  onApprove: () => void;
  onDownload: () => void;
}) {
  const { item, isMine } = props;
  return (
    <li class="export-item" data-export-id={item.id} data-export-status={item.status}>
      <p>
        <span class={`badge export-${item.status}`}>{t(`exports.status.${item.status}`)}</span>{' '}
        {t(isMine ? 'exports.requestedByYou' : 'exports.requestedByOther', {
          time: formatTime(item.requestedAt),
        })}
      </p>
      <StatusHint item={item} isMine={isMine} />
      <div class="actions">
        {item.status === 'pending' ? (
          <button
            type="button"
            class="button-secondary"
            data-approve-export={item.id}
            disabled={props.isBusy}
            onClick={props.onApprove}
          >
            {t('exports.approve')}
          </button>
        ) : null}
        {item.status === 'approved' && isMine ? (
          <button
            type="button"
            class="button"
            data-download-export={item.id}
            disabled={props.isBusy}
            onClick={props.onDownload}
          >
            {t('exports.download')}
          </button>
        ) : null}
      </div>
    </li>
  );
}
