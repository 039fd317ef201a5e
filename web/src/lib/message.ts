import { ApiError } from './api.ts';
import { t } from './i18n.ts';

/**
 * A message kept as how to say it, not as said: it is translated at each render, so switching the
 * language also translates the notices and errors already on the screen.
 */
export interface Message {
  render: () => string;
}

export function messageOf(key: string, values?: Record<string, string | number>): Message {
  return { render: () => t(key, values) };
}

/** The catalog key for a failed call: `error.<CODE>` when the catalog has it, else `fallbackKey`. */
export function errorKeyOf(caught: unknown, fallbackKey: string): string {
  if (caught instanceof ApiError) {
    const key = `error.${caught.code}`;
    if (t(key) !== key) return key;
  }
  return fallbackKey;
}

/** A failed call said in the member's language: the server's error code, else the fallback. */
export function errorMessageOf(caught: unknown, fallbackKey: string): Message {
  return { render: () => t(errorKeyOf(caught, fallbackKey)) };
}

export function isApiError(caught: unknown, ...codes: string[]): caught is ApiError {
  return caught instanceof ApiError && (codes.length === 0 || codes.includes(caught.code));
}
