import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { rerenderAlert } from '../api/alerts.ts';

/**
 * The drafter's re-render: the texts are built again from the templates in use now. It changes
 * the preview and its fingerprint, so it asks first and says so.
 */
export function RerenderControl(props: { alertId: string; onRerendered: () => Promise<void> }) {
  const [isConfirming, setConfirming] = useState(false);
  const action = useAction();
  const rerender = async () => {
    const isDone = await action.succeeds(() => rerenderAlert(props.alertId), { done: 'rerender.done' });
    setConfirming(false);
    if (isDone) await props.onRerendered();
  };
  return (
    <section class="rerender" aria-labelledby="rerender-title">
      <h3 id="rerender-title">{t('rerender.title')}</h3>
      <p class="hint" id="rerender-warning">
        {t('rerender.warning')}
      </p>
      <Notice message={action.message} />
      {isConfirming ? (
        <div class="confirm" role="group" aria-labelledby="rerender-question">
          <p id="rerender-question">{t('rerender.question')}</p>
          <button
            type="button"
            class="button-danger"
            id="confirm-rerender"
            disabled={action.isBusy}
            onClick={() => void rerender()}
          >
            {t('rerender.confirm')}
          </button>
          <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
            {t('rerender.keep')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="button-secondary"
          id="rerender-alert"
          aria-describedby="rerender-warning"
          onClick={() => setConfirming(true)}
        >
          {t('rerender.button')}
        </button>
      )}
    </section>
  );
}
