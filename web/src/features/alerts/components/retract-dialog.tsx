import { useEffect, useRef } from 'preact/hooks';
import { languageName, t } from '../../../lib/i18n.ts';

/**
 * The retraction's confirmation, saying exactly what happens: the fixed text (quoted in every
 * language of the network) goes at once to everyone who got the alert, and the alert's areas stop
 * until a different coordinator reviews it. The safe choice has the focus.
 */
export function RetractDialog(props: {
  retractionText: Record<string, string>;
  areaNames: string[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    keepButton.current?.focus();
    return () => dialog?.close();
  }, []);
  const areas = props.areaNames.length > 0 ? props.areaNames.join(', ') : t('retract.outsideAreas');
  return (
    <dialog
      ref={dialogRef}
      class="confirm-dialog"
      id="retract-dialog"
      aria-labelledby="retract-title"
      aria-describedby="retract-what"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="retract-title">{t('retract.title')}</h2>
      <p id="retract-what">{t('retract.whatHappens')}</p>
      <ol class="consequences">
        <li>
          {t('retract.sendsText')}
          <dl class="free-text" id="retract-fixed-text">
            {Object.entries(props.retractionText).map(([language, text]) => [
              <dt key={`${language}-name`}>{languageName(language)}</dt>,
              <dd key={`${language}-text`} lang={language} dir="auto">
                {text}
              </dd>,
            ])}
          </dl>
        </li>
        <li id="retract-stops">{t('retract.stopsAreas', { areas })}</li>
        <li>{t('retract.noWords')}</li>
      </ol>
      <div class="actions">
        <button type="button" class="button-danger" id="confirm-retract" onClick={props.onConfirm}>
          {t('retract.confirm', { areas })}
        </button>
        <button type="button" class="button-secondary" ref={keepButton} onClick={props.onCancel}>
          {t('retract.keep')}
        </button>
      </div>
    </dialog>
  );
}
