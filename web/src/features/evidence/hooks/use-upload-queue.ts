import { useEffect, useState } from 'preact/hooks';
import { errorMessageOf, isApiError } from '../../../lib/message.ts';
import { queueFile, subscribeToOutbox, listOutbox } from '../../dispatch/outbox/outbox.ts';
import { uploadEvidenceFile } from '../api/upload-evidence-file.ts';
import type { Upload } from '../components/upload-row.tsx';

let nextKey = 1;

/** The largest file of this kind the server takes. */
export type LimitOf = (file: File) => number;

/**
 * Chosen photos and videos sent one at a time (a bad connection should finish one file rather
 * than stall all), each with progress and a retry. A file over its limit is refused before any
 * byte is sent. Each file gets an Idempotency-Key when chosen; when the connection is down (or
 * drops mid-upload) the file moves, sealed, into the phone's outbox under that key, shows as
 * waiting, and turns sent when the outbox's retry is acknowledged — never stored twice.
 */
export function useUploadQueue(offerId: string, limitOf: LimitOf) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const change = (key: number, changes: Partial<Upload>) =>
    setUploads((current) =>
      current.map((upload) => (upload.key === key ? { ...upload, ...changes } : upload)),
    );
  const deferToOutbox = (upload: Upload) =>
    void queueFile(offerId, upload.file, upload.clientKey).then(() =>
      change(upload.key, { state: 'waiting', error: null }),
    );

  const isBusy = uploads.some((upload) => upload.state === 'uploading');
  const next = uploads.find((upload) => upload.state === 'queued');
  useEffect(() => {
    if (isBusy || !next) return;
    if (!navigator.onLine) return deferToOutbox(next);
    const { key, file, clientKey } = next;
    change(key, { state: 'uploading', progress: 0, error: null });
    uploadEvidenceFile(offerId, file, (progress) => change(key, { progress }), clientKey)
      .then(() => change(key, { state: 'done', progress: 100 }))
      .catch((caught: unknown) => {
        if (isApiError(caught, 'NETWORK')) return deferToOutbox(next);
        change(key, { state: 'failed', error: errorMessageOf(caught, 'field.photos.failed') });
      });
  }, [isBusy, next?.key, offerId]);

  // A waiting file is sent by the outbox; once it is no longer there as pending, it arrived.
  useEffect(
    () =>
      subscribeToOutbox(
        () =>
          void listOutbox().then((items) => {
            const sent = new Set(items.filter((item) => item.state === 'sent').map((item) => item.id));
            setUploads((current) =>
              current.map((upload) =>
                upload.state === 'waiting' && sent.has(upload.clientKey)
                  ? { ...upload, state: 'done', progress: 100 }
                  : upload,
              ),
            );
          }),
      ),
    [],
  );

  const add = (files: File[]) =>
    setUploads((current) => [
      ...current,
      ...files.map((file): Upload => ({
        key: nextKey++,
        clientKey: crypto.randomUUID(),
        file,
        state: file.size > limitOf(file) ? 'tooLarge' : 'queued',
        progress: 0,
        error: null,
      })),
    ]);
  const retry = (key: number) => change(key, { state: 'queued', progress: 0, error: null });
  return { uploads, add, retry };
}
