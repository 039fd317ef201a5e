import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';

const etaChoices = [5, 10, 15, 20, 30, 45, 60];

/** "On my way", with an optional estimate of the minutes to arrival for the dispatcher. */
export function EnRouteButton(props: { onSend: (etaMinutes?: number) => void }) {
  const [eta, setEta] = useState('');
  return (
    <span class="en-route">
      <label>
        {t('responder.etaLabel')}{' '}
        <select name="eta" data-eta value={eta} onChange={(event) => setEta(event.currentTarget.value)}>
          <option value="">{t('responder.etaNone')}</option>
          {etaChoices.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {t('responder.etaMinutes', { minutes })}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="button-secondary"
        data-progress="enRoute"
        onClick={() => props.onSend(eta ? Number(eta) : undefined)}
      >
        {t('responder.markEnRoute')}
      </button>
    </span>
  );
}
