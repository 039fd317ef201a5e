import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import type { PasskeyView } from '../api/types.ts';
import { PasskeyNameInput } from './passkey-name-input.tsx';

/** A passkey's row while it is being renamed: the name field, save and cancel. */
export function PasskeyRenameForm(props: {
  passkey: PasskeyView;
  label: string;
  isBusy: boolean;
  onSave: (name: string) => void;
  onCancel: () => void;
}) {
  const { passkey } = props;
  const inputId = `passkey-rename-${passkey.id}`;
  const [draft, setDraft] = useState(passkey.name ?? '');
  useEffect(() => document.getElementById(inputId)?.focus(), [inputId]);
  const submit = (event: Event) => {
    event.preventDefault();
    props.onSave(draft.trim());
  };
  return (
    <li class="factor" data-passkey-id={passkey.id}>
      <form class="passkey-rename-form" onSubmit={submit}>
        <label for={inputId}>{t('passkey.renameLabel', { name: props.label })}</label>{' '}
        <PasskeyNameInput id={inputId} value={draft} onValue={setDraft} />{' '}
        <button type="submit" class="button" disabled={props.isBusy}>
          {t('passkey.saveName')}
        </button>{' '}
        <button type="button" class="button-secondary" onClick={props.onCancel}>
          {t('passkey.cancelRename')}
        </button>
      </form>
    </li>
  );
}
