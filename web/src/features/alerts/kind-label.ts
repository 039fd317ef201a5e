import { t } from '../../lib/i18n.ts';
import type { PresentedAlert } from './api/types.ts';

/** Templates that name a follow-up better than its CAP kind (an update is a CAP Update too). */
const namedTemplates = new Set(['update', 'allClear', 'retraction']);

/** What a message of a thread is called: Alert, Correction, Update, All clear, Cancellation, Retraction. */
export function kindLabelOf(alert: Pick<PresentedAlert, 'kind' | 'templateKey'>): string {
  return namedTemplates.has(alert.templateKey)
    ? t(`alertKind.${alert.templateKey}`)
    : t(`field.alertKind.${alert.kind}`);
}

/** The first 12 hex digits of a content hash: enough to compare by eye, short enough to read. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
