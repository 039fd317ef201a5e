import { t } from '../../../lib/i18n.ts';

/** The optional livestream link of an outcome report, with its own check's error. */
export function LivestreamField(props: { offerId: string; isInvalid: boolean; onInput: () => void }) {
  const id = `livestream-${props.offerId}`;
  return (
    <div class="field">
      <label for={id}>{t('field.livestream.label')}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('field.livestream.hint')}
      </p>
      <input
        id={id}
        name="livestreamUrl"
        // Text, not type=url: the browser's own check would speak its language, not the app's.
        type="text"
        inputMode="url"
        dir="ltr"
        autoComplete="off"
        maxLength={2000}
        placeholder="https://"
        aria-invalid={props.isInvalid ? 'true' : undefined}
        aria-describedby={props.isInvalid ? `${id}-hint ${id}-error` : `${id}-hint`}
        onInput={props.onInput}
      />
      {props.isInvalid ? (
        <p class="error" id={`${id}-error`}>
          {t('field.livestream.invalid')}
        </p>
      ) : null}
    </div>
  );
}
