import { t } from '../../../lib/i18n.ts';
import type { Message } from '../../../lib/message.ts';
import { formatBytes } from '../format-bytes.ts';

export type UploadState = 'tooLarge' | 'queued' | 'uploading' | 'waiting' | 'done' | 'failed';

export interface Upload {
  key: number;
  /** The Idempotency-Key of every attempt to send this file. */
  clientKey: string;
  file: File;
  state: UploadState;
  /** 0–100 while uploading. */
  progress: number;
  error: Message | null;
}

function stateText(upload: Upload, maxBytes: number): string {
  switch (upload.state) {
    case 'tooLarge':
      return t('field.photos.tooLarge', { size: formatBytes(maxBytes) });
    case 'queued':
      return t('field.photos.queued');
    case 'uploading':
      return t('field.photos.uploading', { percent: upload.progress });
    case 'waiting':
      return t('resilience.state.pending');
    case 'done':
      return t('field.photos.sent');
    case 'failed':
      return t('field.photos.notSent');
  }
}

/** One chosen photo: its state, progress while sending, the failure and a retry. */
export function UploadRow(props: { upload: Upload; number: number; maxBytes: number; onRetry: () => void }) {
  const { upload, number } = props;
  const name = t('field.photos.item', { number, size: formatBytes(upload.file.size) });
  return (
    <li class={`upload upload-${upload.state}`} data-upload-state={upload.state}>
      <span>
        {name}
        {' · '}
        {stateText(upload, props.maxBytes)}
      </span>
      {upload.state === 'uploading' ? <progress max={100} value={upload.progress} aria-label={name} /> : null}
      {upload.error ? <span class="error"> {upload.error.render()}</span> : null}
      {upload.state === 'failed' ? (
        <button type="button" class="button-secondary" onClick={props.onRetry}>
          {t('field.photos.retry', { number })}
        </button>
      ) : null}
    </li>
  );
}
