import { useEffect, useState } from 'preact/hooks';
import { errorMessageOf, isApiError, messageOf } from '../../../lib/message.ts';
import { uploadEvidenceFile } from '../api/upload-evidence-file.ts';
import type { Upload } from '../components/upload-row.tsx';

let nextKey = 1;

/**
 * Chosen photos sent one at a time (a bad connection should finish one photo rather than stall
 * all), each with progress and a retry. A photo over `maxBytes` is refused before any byte is sent.
 */
export function useUploadQueue(offerId: string, maxBytes: number) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const change = (key: number, changes: Partial<Upload>) =>
    setUploads((current) =>
      current.map((upload) => (upload.key === key ? { ...upload, ...changes } : upload)),
    );

  const isBusy = uploads.some((upload) => upload.state === 'uploading');
  const next = uploads.find((upload) => upload.state === 'queued');
  useEffect(() => {
    if (isBusy || !next) return;
    const { key, file } = next;
    change(key, { state: 'uploading', progress: 0, error: null });
    uploadEvidenceFile(offerId, file, (progress) => change(key, { progress }))
      .then(() => change(key, { state: 'done', progress: 100 }))
      .catch((caught: unknown) => {
        const isOffline = isApiError(caught, 'NETWORK');
        const error = isOffline
          ? messageOf('field.photos.offline')
          : errorMessageOf(caught, 'field.photos.failed');
        change(key, { state: 'failed', error });
      });
  }, [isBusy, next?.key, offerId]);

  const add = (files: File[]) =>
    setUploads((current) => [
      ...current,
      ...files.map((file): Upload => ({
        key: nextKey++,
        file,
        state: file.size > maxBytes ? 'tooLarge' : 'queued',
        progress: 0,
        error: null,
      })),
    ]);
  const retry = (key: number) => change(key, { state: 'queued', progress: 0, error: null });
  return { uploads, add, retry };
}
