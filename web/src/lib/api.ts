/** A failed API call, with the server's stable error code (see server/platform/errors). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Which fields failed validation (VALIDATION_FAILED), as the server named them. */
    readonly details: { path?: string; message: string }[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
let sessionEndedListener: (() => void) | null = null;

/** Set after sign-in and on every session load; sent on every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** For requests sent without `api()` (an upload with progress needs XMLHttpRequest). */
export function currentCsrfToken(): string {
  return csrfToken;
}

/**
 * Called when a call made while signed in answers 401: the session ended elsewhere (signed out
 * everywhere, removed, expired). Only one listener, the app's; the call still throws its ApiError.
 */
export function onSessionEnded(listener: (() => void) | null): void {
  sessionEndedListener = listener;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request to the Amparo API on this origin; any non-2xx answer becomes an ApiError. */
async function send(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.ok) return response;
  // A 401 while signed out is an answer (wrong password, no session yet); while signed in, an ending.
  if (response.status === 401 && csrfToken) {
    csrfToken = '';
    sessionEndedListener?.();
  }
  const text = await response.text();
  let parsed: { error?: { code?: string; message?: string; details?: ApiError['details'] } } | undefined;
  try {
    parsed = text ? (JSON.parse(text) as typeof parsed) : undefined;
  } catch {
    parsed = undefined;
  }
  const error = parsed?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'HTTP_' + response.status,
    error?.message ?? '',
    error?.details ?? [],
  );
}

/** JSON request to the Amparo API on this origin. Throws ApiError on any non-2xx answer. */
export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  const response = await send(method, path, body, headers);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A POST whose answer is a file (with its name from content-disposition), not JSON. */
export async function postForFile(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await send('POST', path, {});
  const disposition = response.headers.get('content-disposition') ?? '';
  return { blob: await response.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const remove = <T>(path: string) => api<T>('DELETE', path);
