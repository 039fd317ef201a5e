import { languageName, t } from '../../../lib/i18n.ts';
import { supportedLanguages } from '../network-fields.ts';

const labelOf = (code: string) => `${languageName(code)} (${code})`;

/** The network's default language and the others it publishes in. */
export function LanguageChoice(props: {
  defaultLanguage: string;
  others: string[];
  onDefault: (code: string) => void;
  onToggle: (code: string, isOn: boolean) => void;
}) {
  return (
    <>
      <div class="field">
        <label for="network-default-language">{t('adminNetwork.defaultLanguage')}</label>
        <select
          id="network-default-language"
          value={props.defaultLanguage}
          onChange={(event) => props.onDefault(event.currentTarget.value)}
        >
          {supportedLanguages().map((code) => (
            <option value={code} key={code}>
              {labelOf(code)}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="language-choice">
        <legend>{t('adminNetwork.otherLanguages')}</legend>
        <p class="hint">{t('adminNetwork.languagesHint')}</p>
        {supportedLanguages()
          .filter((code) => code !== props.defaultLanguage)
          .map((code) => (
            <label key={code} class="checkbox">
              <input
                type="checkbox"
                name="language"
                value={code}
                checked={props.others.includes(code)}
                onChange={(event) => props.onToggle(code, event.currentTarget.checked)}
              />{' '}
              {labelOf(code)}
            </label>
          ))}
      </fieldset>
    </>
  );
}
