import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or not a secure context): select the text for a manual copy.
    input?.select();
    return false;
  }
}

/**
 * A secret link shown once (an invitation, a recovery link): read-only field, copy button, and a
 * warning that it will not be shown again. The server keeps only a hash of its token.
 */
export function OneTimeLink(props: { id: string; label: string; url: string; children?: ComponentChildren }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'selected'>('idle');
  const inputId = `${props.id}-url`;
  const copy = async () => {
    const input = document.getElementById(inputId) as HTMLInputElement | null;
    setCopyState((await copyText(props.url, input)) ? 'copied' : 'selected');
  };
  return (
    <div class="one-time-link" id={props.id} role="region" aria-labelledby={`${props.id}-label`}>
      <label id={`${props.id}-label`} for={inputId}>
        {props.label}
      </label>
      <div class="copy-row">
        <input
          id={inputId}
          type="text"
          readOnly
          value={props.url}
          dir="ltr"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          {t('link.copy')}
        </button>
      </div>
      <p role="status" class="hint">
        {copyState === 'copied' ? t('link.copied') : copyState === 'selected' ? t('link.selected') : ''}
      </p>
      <p class="notice">{t('link.shownOnce')}</p>
      {props.children}
    </div>
  );
}
