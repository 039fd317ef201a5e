import { t } from '../../../lib/i18n.ts';
import { formatBytes } from '../../evidence/format-bytes.ts';
import { discardOutboxItem } from '../outbox/outbox.ts';
import type { OutboxItem } from '../outbox/outbox.ts';

function describe(item: OutboxItem): string {
  return item.kind === 'outcome'
    ? t('resilience.item.outcome')
    : t('resilience.item.file', { size: formatBytes(item.sizeBytes) });
}

function errorText(code: string | null): string {
  const key = `error.${code ?? ''}`;
  return t(key) === key ? t('resilience.refused') : t(key);
}

/** What this phone still has to send (kept sealed on it), and what the server has acknowledged. */
export function OutboxList(props: { items: OutboxItem[] }) {
  if (props.items.length === 0) return null;
  const waiting = props.items.filter((item) => item.state === 'pending').length;
  return (
    <section class="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('resilience.title')}</h2>
      {waiting > 0 ? <p class="hint">{t('resilience.waiting', { count: waiting })}</p> : null}
      <ul aria-live="polite">
        {props.items.map((item) => (
          <li key={item.id} class={`outbox-item outbox-${item.state}`} data-outbox-state={item.state}>
            <span>
              {describe(item)}
              {' · '}
              {t(`resilience.state.${item.state}`)}
            </span>
            {item.state === 'failed' ? (
              <>
                <span class="error"> {errorText(item.errorCode)}</span>{' '}
                <button
                  type="button"
                  class="button-secondary"
                  onClick={() => void discardOutboxItem(item.id)}
                >
                  {t('resilience.discard')}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
