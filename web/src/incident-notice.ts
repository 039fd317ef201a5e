import { useState } from 'preact/hooks';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

/** The catalog key for a failed call: `error.<CODE>` when the catalog has it, else `fallbackKey`. */
export function errorKeyOf(caught: unknown, fallbackKey: string): string {
  if (caught instanceof ApiError) {
    const key = `error.${caught.code}`;
    if (t(key) !== key) return key;
  }
  return fallbackKey;
}

/**
 * A status line kept as a catalog key, not as text, so it follows a language switch: a notice
 * shown in English reads in Arabic once the member picks Arabic.
 */
export function useNotice(): {
  text: string | null;
  show: (key: string | null) => void;
  fail: (caught: unknown, fallbackKey: string) => void;
} {
  const [key, setKey] = useState<string | null>(null);
  return {
    text: key === null ? null : t(key),
    show: setKey,
    fail: (caught, fallbackKey) => setKey(errorKeyOf(caught, fallbackKey)),
  };
}
