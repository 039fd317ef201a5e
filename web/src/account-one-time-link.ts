import { h } from 'preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from './i18n.ts';

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
  return h(
    'div',
    { class: 'one-time-link', id: props.id, role: 'region', 'aria-labelledby': `${props.id}-label` },
    h('label', { id: `${props.id}-label`, for: inputId }, props.label),
    h(
      'div',
      { class: 'copy-row' },
      h('input', {
        id: inputId,
        type: 'text',
        readOnly: true,
        value: props.url,
        dir: 'ltr',
        onFocus: (event: Event) => (event.currentTarget as HTMLInputElement).select(),
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onClick: async () => {
            const input = document.getElementById(inputId) as HTMLInputElement | null;
            setCopyState((await copyText(props.url, input)) ? 'copied' : 'selected');
          },
        },
        t('link.copy'),
      ),
    ),
    h(
      'p',
      { role: 'status', class: 'hint' },
      copyState === 'copied' ? t('link.copied') : copyState === 'selected' ? t('link.selected') : '',
    ),
    h('p', { class: 'notice' }, t('link.shownOnce')),
    props.children,
  );
}
