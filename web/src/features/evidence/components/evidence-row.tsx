import { formatTime, t } from '../../../lib/i18n.ts';
import { sharedCopyPath } from '../api/evidence.ts';
import type { PresentedEvidence } from '../api/types.ts';
import { formatBytes } from '../format-bytes.ts';

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/** A fetched shared copy: a photo, or a video with the browser's own controls. */
function SharedCopyView(props: { item: PresentedEvidence; url: string; label: string }) {
  const { item } = props;
  const width = item.width ?? undefined;
  const height = item.height ?? undefined;
  if (item.kind === 'video') {
    return (
      <video
        src={props.url}
        controls
        playsInline
        preload="metadata"
        aria-label={props.label}
        class="evidence-video"
        width={width}
        height={height}
      />
    );
  }
  return <img src={props.url} alt={props.label} class="evidence-photo" width={width} height={height} />;
}

/** One photo or video: its label and size, then show (in the page) or download its shared copy. */
export function EvidenceRow(props: {
  item: PresentedEvidence;
  number: number;
  url: string | undefined;
  onShow: () => void;
}) {
  const { item, number, url } = props;
  const time = formatTime(item.receivedAt);
  const isVideo = item.kind === 'video';
  const label = isVideo
    ? t('field.evidence.videoLabel', { number, time })
    : t('field.evidence.photoLabel', { number, time });
  return (
    <li class="evidence-item" data-evidence-id={item.id}>
      <p>
        <strong>{label}</strong>
        {` · ${formatBytes(item.sizeBytes)}`}
      </p>
      {!item.hasSharedCopy ? (
        <p class="hint">{t('field.evidence.counselOnly')}</p>
      ) : url ? (
        <SharedCopyView item={item} url={url} label={label} />
      ) : null}
      {item.hasSharedCopy ? (
        <div class="actions">
          {url ? null : (
            <button
              type="button"
              class="button-secondary"
              data-show-evidence={item.id}
              onClick={props.onShow}
            >
              {t(isVideo ? 'field.evidence.showVideo' : 'field.evidence.show', { number })}
            </button>
          )}
          <a
            href={sharedCopyPath(item)}
            download={`amparo-${item.id.slice(-8)}.${extensions[item.sharedMediaType ?? ''] ?? 'jpg'}`}
            data-download-evidence={item.id}
          >
            {t(isVideo ? 'field.evidence.downloadVideo' : 'field.evidence.download', { number })}
          </a>
        </div>
      ) : null}
    </li>
  );
}
