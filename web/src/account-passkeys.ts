import { startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, post } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { describeDevice } from './passkey-device.ts';
import type { NavigatorInfo } from './passkey-device.ts';

export interface Passkey {
  id: string;
  /** Null for a passkey added before passkeys had names. */
  name: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The server's limit (after trimming). */
const nameMaxLength = 60;
/** Something other than spaces (the server trims, then needs one character). */
const notOnlySpaces = '.*\\S.*';

/** Runs an action with the account screen's step-up, notice and refresh; `doneKey` on success. */
export type RunAction = (action: () => Promise<void>, doneKey: string, failedKey?: string) => Promise<void>;

/** A name for a passkey made here, from what the page can see: "Chromium on Linux". */
export function suggestedPasskeyName(info: NavigatorInfo = navigator): string {
  const { browser, platform } = describeDevice(info);
  if (browser && platform) return t('passkey.defaultName', { browser, platform });
  return browser ?? platform ?? t('passkey.defaultNameFallback');
}

async function registerPasskey(name: string): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialCreationOptionsJSON>(
    '/api/auth/passkeys/register/options',
  );
  const response = await startRegistration({ optionsJSON });
  await post('/api/auth/passkeys/register/verify', { response, name });
}

/**
 * The member's passkeys: each with its name (or "Passkey 2" for one added before names), when it
 * was added and last used, to rename or remove; and a form to add one under a suggested name.
 */
export function PasskeySection(props: { passkeys: Passkey[] | null; isBusy: boolean; run: RunAction }) {
  const { passkeys, isBusy, run } = props;
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [newName, setNewName] = useState(() => suggestedPasskeyName());
  useEffect(() => {
    if (renamingId !== null) document.getElementById(`passkey-rename-${renamingId}`)?.focus();
  }, [renamingId]);

  const labelOf = (passkey: Passkey, index: number) =>
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

  const startRenaming = (passkey: Passkey) => {
    setDraft(passkey.name ?? '');
    setRenamingId(passkey.id);
  };

  const rename = (event: Event, passkeyId: string) => {
    event.preventDefault();
    const name = draft.trim();
    void run(
      async () => {
        await api('PATCH', `/api/auth/passkeys/${encodeURIComponent(passkeyId)}`, { name });
        setRenamingId(null);
      },
      'passkey.renamed',
      'action.failed',
    );
  };

  const remove = (passkeyId: string) =>
    void run(() => api('DELETE', `/api/auth/passkeys/${encodeURIComponent(passkeyId)}`), 'passkey.removed');

  return h(
    'section',
    { 'aria-labelledby': 'passkeys-title', class: 'account-part' },
    h('h2', { id: 'passkeys-title' }, t('passkey.title')),
    h('p', { class: 'hint' }, t('passkey.explain')),
    passkeys === null
      ? h('p', null, t('app.loading'))
      : passkeys.length === 0
        ? h('p', { class: 'empty' }, t('passkey.none'))
        : h(
            'ul',
            { class: 'factor-list', id: 'passkey-list' },
            passkeys.map((passkey, index) =>
              passkey.id === renamingId
                ? renameItem(passkey, labelOf(passkey, index))
                : passkeyItem(passkey, labelOf(passkey, index)),
            ),
          ),
    h(
      'form',
      { class: 'passkey-add', id: 'add-passkey-form', onSubmit: add },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'passkey-name' }, t('passkey.nameLabel')),
        h('input', {
          id: 'passkey-name',
          name: 'name',
          type: 'text',
          required: true,
          maxLength: nameMaxLength,
          pattern: notOnlySpaces,
          autocomplete: 'off',
          dir: 'auto',
          value: newName,
          'aria-describedby': 'passkey-name-hint',
          onInput: (event: Event) => setNewName((event.currentTarget as HTMLInputElement).value),
        }),
        h('p', { class: 'hint', id: 'passkey-name-hint' }, t('passkey.nameHint')),
      ),
      h('button', { type: 'submit', class: 'button', id: 'add-passkey', disabled: isBusy }, t('passkey.add')),
    ),
  );

  function passkeyItem(passkey: Passkey, label: string) {
    return h(
      'li',
      { key: passkey.id, class: 'factor', 'data-passkey-id': passkey.id },
      h(
        'span',
        null,
        h('strong', { class: 'passkey-name', dir: 'auto' }, label),
        ' · ',
        t('passkey.added', { date: formatTime(passkey.createdAt) }),
        ' · ',
        passkey.lastUsedAt === null
          ? t('passkey.neverUsed')
          : t('passkey.lastUsed', { date: formatTime(passkey.lastUsedAt) }),
      ),
      h(
        'span',
        { class: 'factor-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button-secondary passkey-rename',
            disabled: isBusy,
            'aria-label': t('passkey.renameNamed', { name: label }),
            onClick: () => startRenaming(passkey),
          },
          t('passkey.rename'),
        ),
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'button-secondary passkey-remove',
            disabled: isBusy,
            'aria-label': t('passkey.removeNamed', { name: label }),
            onClick: () => remove(passkey.id),
          },
          t('passkey.remove'),
        ),
      ),
    );
  }

  function renameItem(passkey: Passkey, label: string) {
    const inputId = `passkey-rename-${passkey.id}`;
    return h(
      'li',
      { key: passkey.id, class: 'factor', 'data-passkey-id': passkey.id },
      h(
        'form',
        { class: 'passkey-rename-form', onSubmit: (event: Event) => rename(event, passkey.id) },
        h('label', { for: inputId }, t('passkey.renameLabel', { name: label })),
        ' ',
        h('input', {
          id: inputId,
          name: 'name',
          type: 'text',
          required: true,
          maxLength: nameMaxLength,
          pattern: notOnlySpaces,
          autocomplete: 'off',
          dir: 'auto',
          value: draft,
          onInput: (event: Event) => setDraft((event.currentTarget as HTMLInputElement).value),
        }),
        ' ',
        h('button', { type: 'submit', class: 'button', disabled: isBusy }, t('passkey.saveName')),
        ' ',
        h(
          'button',
          { type: 'button', class: 'button-secondary', onClick: () => setRenamingId(null) },
          t('passkey.cancelRename'),
        ),
      ),
    );
  }
}
