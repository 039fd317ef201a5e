import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';

/** The bar under ticked reports: "split N reports out", its confirmation, and a failure. */
export function SplitBar(props: {
  count: number;
  isAllSelected: boolean;
  isConfirming: boolean;
  isBusy: boolean;
  error: Message | null;
  onAsk: (isConfirming: boolean) => void;
  onConfirm: () => void;
}) {
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.isConfirming) confirmButton.current?.focus();
  }, [props.isConfirming]);
  return (
    <div class="split-bar" role="group" aria-label={t('field.split.label')}>
      {props.isAllSelected ? (
        <p class="hint">{t('field.split.keepOne')}</p>
      ) : props.isConfirming ? (
        <>
          <p key="question" id="split-question">
            {t('field.split.confirmQuestion', { count: props.count })}
          </p>
          <button
            key="yes"
            type="button"
            class="button"
            id="confirm-split"
            ref={confirmButton}
            disabled={props.isBusy}
            aria-describedby="split-question"
            onClick={props.onConfirm}
          >
            {t('field.split.confirm')}
          </button>
          <button key="no" type="button" class="button-secondary" onClick={() => props.onAsk(false)}>
            {t('field.cancel')}
          </button>
        </>
      ) : (
        <button
          type="button"
          class="button-secondary"
          id="split-reports"
          aria-keyshortcuts="s"
          onClick={() => props.onAsk(true)}
        >
          {t('field.split.action', { count: props.count })}
        </button>
      )}
      <ErrorText message={props.error} />
    </div>
  );
}
