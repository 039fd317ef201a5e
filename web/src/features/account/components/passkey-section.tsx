import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { registerPasskey, removePasskey, renamePasskey } from '../api/passkeys.ts';
import type { PasskeyView } from '../api/types.ts';
import { suggestedPasskeyName } from '../passkey-name.ts';
import { PasskeyItem } from './passkey-item.tsx';
import { PasskeyNameInput } from './passkey-name-input.tsx';
import { PasskeyRenameForm } from './passkey-rename-form.tsx';

/** Runs an action with the account screen's step-up, notice and refresh; `doneKey` on success. */
export type RunAction = (action: () => Promise<void>, doneKey: string, failedKey?: string) => Promise<void>;

/**
 * The member's passkeys: each with its name (or "Passkey 2" for one added before names), when it
 * was added and last used, to rename or remove; and a form to add one under a suggested name.
 */
export function PasskeySection(props: { passkeys: PasskeyView[] | null; isBusy: boolean; run: RunAction }) {
  const { passkeys, isBusy, run } = props;
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [newName, setNewName] = useState(() => suggestedPasskeyName());
  const labelOf = (passkey: PasskeyView, index: number) =>
    passkey.name ?? t('passkey.name', { number: index + 1 });

  const add = (event: Event) => {
    event.preventDefault();
    const name = newName.trim();
    void run(async () => {
      await registerPasskey(name);
      // The next one is likely on another device: suggest afresh rather than repeat this name.
      setNewName(suggestedPasskeyName());
    }, 'passkey.addedNotice');
  };
  const rename = (passkeyId: string, name: string) =>
    void run(
      async () => {
        await renamePasskey(passkeyId, name);
        setRenamingId(null);
      },
      'passkey.renamed',
      'action.failed',
    );

  return (
    <section aria-labelledby="passkeys-title" class="account-part">
      <h2 id="passkeys-title">{t('passkey.title')}</h2>
      <p class="hint">{t('passkey.explain')}</p>
      {passkeys === null ? (
        <p>{t('app.loading')}</p>
      ) : passkeys.length === 0 ? (
        <p class="empty">{t('passkey.none')}</p>
      ) : (
        <ul class="factor-list" id="passkey-list">
          {passkeys.map((passkey, index) =>
            passkey.id === renamingId ? (
              <PasskeyRenameForm
                key={passkey.id}
                passkey={passkey}
                label={labelOf(passkey, index)}
                isBusy={isBusy}
                onSave={(name) => rename(passkey.id, name)}
                onCancel={() => setRenamingId(null)}
              />
            ) : (
              <PasskeyItem
                key={passkey.id}
                passkey={passkey}
                label={labelOf(passkey, index)}
                isBusy={isBusy}
                onRename={() => setRenamingId(passkey.id)}
                onRemove={() => void run(() => removePasskey(passkey.id), 'passkey.removed')}
              />
            ),
          )}
        </ul>
      )}
      <form class="passkey-add" id="add-passkey-form" onSubmit={add}>
        <div class="field">
          <label for="passkey-name">{t('passkey.nameLabel')}</label>
          <PasskeyNameInput
            id="passkey-name"
            value={newName}
            onValue={setNewName}
            aria-describedby="passkey-name-hint"
          />
          <p class="hint" id="passkey-name-hint">
            {t('passkey.nameHint')}
          </p>
        </div>
        <button type="submit" class="button" id="add-passkey" disabled={isBusy}>
          {t('passkey.add')}
        </button>
      </form>
    </section>
  );
}
