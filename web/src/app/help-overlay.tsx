import { useEffect, useRef } from 'preact/hooks';
import { t } from '../lib/i18n.ts';

const shortcuts: { keys: string; key: string }[] = [
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

/** The keyboard shortcut list, as a modal dialog. */
export function HelpOverlay(props: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
      <div class="panel">
        <h2 id="help-title">{t('help.title')}</h2>
        <dl class="shortcuts">
          {shortcuts.map((shortcut) => [
            <dt key={shortcut.keys + 't'}>
              <kbd>{shortcut.keys}</kbd>
            </dt>,
            <dd key={shortcut.keys + 'd'}>{t(shortcut.key)}</dd>,
          ])}
        </dl>
        <button type="button" class="button" ref={closeButton} onClick={props.onClose}>
          {t('app.close')}
        </button>
      </div>
    </div>
  );
}
