import { formatTime, t } from '../../../lib/i18n.ts';
import type { PasskeyView } from '../api/types.ts';

/** One passkey: its name, when it was added and last used, and rename or remove. */
export function PasskeyItem(props: {
  passkey: PasskeyView;
  label: string;
  isBusy: boolean;
  onRename: () => void;
  onRemove: () => void;
}) {
  const { passkey, label, isBusy } = props;
  return (
    <li class="factor" data-passkey-id={passkey.id}>
      <span>
        <strong class="passkey-name" dir="auto">
          {label}
        </strong>
        {' · '}
        {t('passkey.added', { date: formatTime(passkey.createdAt) })}
        {' · '}
        {passkey.lastUsedAt === null
          ? t('passkey.neverUsed')
          : t('passkey.lastUsed', { date: formatTime(passkey.lastUsedAt) })}
      </span>
      <span class="factor-actions">
        <button
          type="button"
          class="button-secondary passkey-rename"
          disabled={isBusy}
          aria-label={t('passkey.renameNamed', { name: label })}
          onClick={props.onRename}
        >
          {t('passkey.rename')}
        </button>{' '}
        <button
          type="button"
          class="button-secondary passkey-remove"
          disabled={isBusy}
          aria-label={t('passkey.removeNamed', { name: label })}
          onClick={props.onRemove}
        >
          {t('passkey.remove')}
        </button>
      </span>
    </li>
  );
}
