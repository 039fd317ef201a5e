import { ApiError, currentCsrfToken } from '../../../lib/api.ts';

/**
 * Sends one file to the evidence route as multipart/form-data (field `file`), reporting progress.
 * XMLHttpRequest because fetch cannot report upload progress. Resolves on 201; rejects with an
 * ApiError carrying the server's code, or a NETWORK error when the connection dropped.
 */
export function uploadEvidenceFile(
  offerId: string,
  file: File,
  onProgress: (percent: number) => void,
  /** Made once per chosen file: a retry under the same key is stored once (see the ADR 0029). */
  idempotencyKey?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/offers/${offerId}/evidence`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-csrf-token', currentCsrfToken());
    if (idempotencyKey) request.setRequestHeader('idempotency-key', idempotencyKey);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status === 201 || request.status === 200) return resolve();
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
