import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n.ts';
import { isTyping } from './route.ts';

export const shortcuts: { keys: string; key: string }[] = [
  { keys: 'j / k', key: 'help.move' },
  { keys: 'Enter', key: 'help.openIncident' },
  { keys: 'c', key: 'help.claim' },
  { keys: 'v', key: 'help.verifying' },
  { keys: 'm', key: 'help.merge' },
  { keys: 's', key: 'help.split' },
  { keys: 'n', key: 'help.newReport' },
  { keys: 'q', key: 'help.queue' },
  { keys: '?', key: 'help.toggle' },
  { keys: 'Esc', key: 'help.close' },
];

/** Like isTyping, but a checkbox or radio button takes no text: a letter pressed there is a shortcut. */
function isTypingText(event: KeyboardEvent): boolean {
  const target = event.target;
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
    return event.ctrlKey || event.metaKey || event.altKey;
  }
  return isTyping(event);
}

/**
 * Calls `onPress` while the calling component is shown, when `key` is pressed outside a text field
 * (so "s" typed into a note is a letter, not a shortcut). `onPress` says whether it acted; only then
 * is the key's default action prevented.
 */
export function useShortcut(key: string, onPress: () => boolean): void {
  const latest = useRef(onPress);
  latest.current = onPress;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== key || event.defaultPrevented || isTypingText(event)) return;
      if (latest.current()) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}

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
