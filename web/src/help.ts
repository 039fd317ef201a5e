import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n.ts';

export const shortcuts: { keys: string; key: string }[] = [
  { keys: 'j / k', key: 'help.move' },
  { keys: 'Enter', key: 'help.openIncident' },
  { keys: 'c', key: 'help.claim' },
  { keys: 'v', key: 'help.verifying' },
  { keys: 'n', key: 'help.newReport' },
  { keys: 'q', key: 'help.queue' },
  { keys: '?', key: 'help.toggle' },
  { keys: 'Esc', key: 'help.close' },
];

/** The keyboard shortcut list, as a modal dialog. */
export function HelpOverlay(props: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return h(
    'div',
    { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'help-title' },
    h(
      'div',
      { class: 'panel' },
      h('h2', { id: 'help-title' }, t('help.title')),
      h(
        'dl',
        { class: 'shortcuts' },
        shortcuts.map((shortcut) => [
          h('dt', { key: shortcut.keys + 't' }, h('kbd', null, shortcut.keys)),
          h('dd', { key: shortcut.keys + 'd' }, t(shortcut.key)),
        ]),
      ),
      h(
        'button',
        { type: 'button', class: 'button', ref: closeButton, onClick: props.onClose },
        t('app.close'),
      ),
    ),
  );
}
