import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import type { PresentedIncident } from '../api/types.ts';

/** "Merge this incident (N reports) into this one?", with the focus on the confirmation. */
export function MergeConfirm(props: {
  chosen: PresentedIncident;
  isBusy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmButton.current?.focus(), []);
  return (
    <div class="confirm" role="group" aria-labelledby="merge-question">
      <p id="merge-question">
        {t('field.merge.confirmQuestion', {
          category: t(`category.${props.chosen.category}`),
          reports: props.chosen.reportCount,
        })}
      </p>
      <button
        type="button"
        class="button"
        id="confirm-merge"
        ref={confirmButton}
        disabled={props.isBusy}
        onClick={props.onConfirm}
      >
        {t('field.merge.confirm')}
      </button>
      <button type="button" class="button-secondary" onClick={props.onCancel}>
        {t('field.cancel')}
      </button>
    </div>
  );
}
