import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from './api.ts';
import { formatBytes } from './evidence-list.ts';
import { t } from './i18n.ts';
import { loadSession } from './session.ts';
import { messageOf } from './sign-in.ts';

type UploadState = 'tooLarge' | 'queued' | 'uploading' | 'done' | 'failed';

interface Upload {
  key: number;
  file: File;
  state: UploadState;
  /** 0–100 while uploading. */
  progress: number;
  error: string | null;
}

interface Limits {
  photoMaxBytes: number;
}

let nextKey = 1;

/**
 * Sends one file to the evidence route as multipart/form-data (field `file`), reporting progress.
 * XMLHttpRequest because fetch cannot report upload progress. Resolves on 201; rejects with an
 * ApiError carrying the server's code, or a NETWORK error when the connection dropped.
 */
export function uploadEvidenceFile(
  offerId: string,
  file: File,
  csrfToken: string,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/offers/${offerId}/evidence`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status === 201) return resolve();
      let code = 'HTTP_' + request.status;
      try {
        code = (JSON.parse(request.responseText) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // Not JSON (a proxy's error page): the status code is all we know.
      }
      reject(new ApiError(request.status, code, ''));
    };
    request.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    request.ontimeout = () => reject(new ApiError(0, 'NETWORK', ''));
    const body = new FormData();
    body.append('file', file, file.name || 'photo.jpg');
    request.send(body);
  });
}

/**
 * Photos for an accepted offer, straight from the camera: several at once, one upload at a time
 * (a bad connection should finish one photo rather than stall all), each with progress and a retry.
 * A photo over the server's limit is refused here, before any byte is sent.
 */
export function PhotoUploader(props: { offerId: string }) {
  const { offerId } = props;
  const [limits, setLimits] = useState<Limits | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const csrfToken = useRef<string | null>(null);
  const inputId = `photos-${offerId}`;

  useEffect(() => {
    get<{ limits: Limits }>('/api/evidence/limits')
      .then((answer) => setLimits(answer.limits))
      .catch((caught: unknown) => setNotice(messageOf(caught, 'field.photos.limitsFailed')));
  }, []);

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
    void (async () => {
      try {
        csrfToken.current ??= (await loadSession())?.csrfToken ?? '';
        await uploadEvidenceFile(offerId, file, csrfToken.current, (progress) => change(key, { progress }));
        change(key, { state: 'done', progress: 100 });
      } catch (caught) {
        const isOffline = caught instanceof ApiError && caught.code === 'NETWORK';
        change(key, {
          state: 'failed',
          error: isOffline ? t('field.photos.offline') : messageOf(caught, 'field.photos.failed'),
        });
      }
    })();
  }, [isBusy, next?.key, offerId]);

  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const limit = limits?.photoMaxBytes ?? Infinity;
    setUploads((current) => [
      ...current,
      ...files.map((file): Upload => ({
        key: nextKey++,
        file,
        state: file.size > limit ? 'tooLarge' : 'queued',
        progress: 0,
        error: null,
      })),
    ]);
  };

  return h(
    'section',
    { class: 'photo-upload', 'aria-labelledby': `${inputId}-title` },
    h('h4', { id: `${inputId}-title` }, t('field.photos.title')),
    h(
      'p',
      { class: 'hint', id: `${inputId}-hint` },
      limits ? t('field.photos.limit', { size: formatBytes(limits.photoMaxBytes) }) : t('app.loading'),
      ' ',
      t('field.photos.privacy'),
    ),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    // The input is hidden but focusable; its label is the visible button, in the app's language
    // (the browser's own "Choose files" text would be in the phone's language).
    h('input', {
      id: inputId,
      type: 'file',
      class: 'visually-hidden photo-input',
      accept: 'image/*',
      capture: 'environment',
      multiple: true,
      disabled: limits === null && notice === null,
      'aria-describedby': `${inputId}-hint`,
      onChange: choose,
    }),
    h('label', { for: inputId, class: 'button-secondary photo-button' }, t('field.photos.add')),
    uploads.length > 0
      ? h(
          'ul',
          { class: 'uploads', 'aria-live': 'polite' },
          uploads.map((upload, index) => uploadRow(upload, index + 1)),
        )
      : null,
  );

  function uploadRow(upload: Upload, number: number) {
    const name = t('field.photos.item', { number, size: formatBytes(upload.file.size) });
    return h(
      'li',
      { key: upload.key, class: `upload upload-${upload.state}`, 'data-upload-state': upload.state },
      h('span', null, name, ' · ', stateText(upload)),
      upload.state === 'uploading'
        ? h('progress', { max: 100, value: upload.progress, 'aria-label': name })
        : null,
      upload.error ? h('span', { class: 'error' }, ' ', upload.error) : null,
      upload.state === 'failed'
        ? h(
            'button',
            {
              type: 'button',
              class: 'button-secondary',
              onClick: () => change(upload.key, { state: 'queued', progress: 0, error: null }),
            },
            t('field.photos.retry', { number }),
          )
        : null,
    );
  }

  function stateText(upload: Upload): string {
    switch (upload.state) {
      case 'tooLarge':
        return t('field.photos.tooLarge', { size: formatBytes(limits?.photoMaxBytes ?? 0) });
      case 'queued':
        return t('field.photos.queued');
      case 'uploading':
        return t('field.photos.uploading', { percent: upload.progress });
      case 'done':
        return t('field.photos.sent');
      case 'failed':
        return t('field.photos.notSent');
    }
  }
}
