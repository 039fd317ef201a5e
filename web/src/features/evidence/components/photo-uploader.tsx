import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { getEvidenceLimits } from '../api/evidence.ts';
import { formatBytes } from '../format-bytes.ts';
import { useUploadQueue } from '../hooks/use-upload-queue.ts';
import { UploadRow } from './upload-row.tsx';

/**
 * Photos for an accepted offer, straight from the camera: several at once, one upload at a time,
 * each with progress and a retry. A photo over the server's limit is refused here.
 */
export function PhotoUploader(props: { offerId: string }) {
  const { offerId } = props;
  const limits = useResource(getEvidenceLimits, []);
  const limitOf = (file: File) =>
    (file.type.startsWith('video/') ? limits.data?.videoMaxBytes : limits.data?.photoMaxBytes) ?? Infinity;
  const queue = useUploadQueue(offerId, limitOf);
  const inputId = `photos-${offerId}`;
  const limitsFailure = limits.error ? errorMessageOf(limits.error, 'field.photos.limitsFailed') : null;

  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    queue.add(files);
  };

  return (
    <section class="photo-upload" aria-labelledby={`${inputId}-title`}>
      <h4 id={`${inputId}-title`}>{t('field.photos.title')}</h4>
      <p class="hint" id={`${inputId}-hint`}>
        {limits.data
          ? t('resilience.mediaLimit', {
              photo: formatBytes(limits.data.photoMaxBytes),
              video: formatBytes(limits.data.videoMaxBytes),
            })
          : t('app.loading')}{' '}
        {t('field.photos.privacy')}
      </p>
      <Notice message={limitsFailure} />
      {/* The input is hidden but focusable; its label is the visible button, in the app's language
          (the browser's own "Choose files" text would be in the phone's language). */}
      <input
        id={inputId}
        type="file"
        class="visually-hidden photo-input"
        accept="image/*,video/*"
        capture="environment"
        multiple
        disabled={limits.data === undefined && limitsFailure === null}
        aria-describedby={`${inputId}-hint`}
        onChange={choose}
      />
      <label for={inputId} class="button-secondary photo-button">
        {t('field.photos.add')}
      </label>
      {queue.uploads.length > 0 ? (
        <ul class="uploads" aria-live="polite">
          {queue.uploads.map((upload, index) => (
            <UploadRow
              key={upload.key}
              upload={upload}
              number={index + 1}
              maxBytes={limitOf(upload.file) === Infinity ? 0 : limitOf(upload.file)}
              onRetry={() => queue.retry(upload.key)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
