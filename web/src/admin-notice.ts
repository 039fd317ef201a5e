import { t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

/**
 * A message kept as how to say it, not as said: it is translated at each render, so switching
 * the language also translates notices and errors already on the screen.
 */
export interface Notice {
  render: () => string;
}

export function noticeOf(key: string, values?: Record<string, string | number>): Notice {
  return { render: () => t(key, values) };
}

/** The server's error code translated (`error.<CODE>`), else the fallback message. */
export function errorNoticeOf(caught: unknown, fallbackKey: string): Notice {
  return { render: () => messageOf(caught, fallbackKey) };
}
