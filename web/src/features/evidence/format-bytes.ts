import { t } from '../../lib/i18n.ts';

/** Sizes as people read them: "1.4 MB", "820 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return t('field.size.mb', { size: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
  return t('field.size.kb', { size: Math.max(1, Math.round(bytes / 1024)) });
}
