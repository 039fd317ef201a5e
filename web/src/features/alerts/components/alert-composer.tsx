import { useEffect, useRef, useState } from 'preact/hooks';
import { formText } from '../../../lib/forms.ts';
import { languageName, t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { getNetwork } from '../../admin/api/network.ts';
import { draftAlert } from '../api/alerts.ts';
import type { AlertDraftChoices } from '../api/alerts.ts';

/** The server's limit for free text in each language of an alert. */
const maxFreeTextLength = 280;
const templates = ['alert', 'update', 'allClear'] as const;
type Template = (typeof templates)[number];
/** Reach of the alert around the incident, in metres (the server takes 100 to 20,000). */
const radiusChoices = [250, 500, 1_000, 2_000, 5_000] as const;

function Choice<T extends string>(props: {
  name: string;
  legend: string;
  values: readonly T[];
  value: T;
  labelOf: (value: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class={`composer-${props.name}`}>
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <label class="choice" key={value}>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {props.labelOf(value)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Everything an alert is drafted from, chosen in one place: what kind of message (the category's
 * alert, an update, an all-clear), how far it reaches, optional words of its own in each of the
 * network's languages, whether it is a drill, and — for an incident nobody has verified — the
 * override that a second coordinator must confirm. Drafting freezes the texts; the alert's page
 * then shows them with their fingerprint, segments and recipients for the second person.
 */
export function AlertComposer(props: {
  incidentId: string;
  isVerified: boolean;
  onDrafted: (alertId: string) => void;
  onCancel: () => void;
}) {
  const network = useResource(getNetwork, []);
  const languages = network.data?.languages ?? [];
  const [template, setTemplate] = useState<Template>('alert');
  const [radius, setRadius] = useState<string>('1000');
  const [isDrill, setDrill] = useState(false);
  const [isOverride, setOverride] = useState(false);
  const action = useAction();
  const firstField = useRef<HTMLDivElement>(null);
  useEffect(() => firstField.current?.querySelector('input')?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const freeText = Object.fromEntries(
      languages
        .map((language): [string, string] => [language, formText(form, `text-${language}`)])
        .filter(([, text]) => text !== ''),
    );
    const choices: AlertDraftChoices = {
      template,
      radiusMeters: Number(radius),
      freeText,
      status: isDrill ? 'exercise' : 'actual',
      override: !props.isVerified && isOverride,
    };
    const alertId = await action.run(() => draftAlert(props.incidentId, choices));
    if (alertId !== undefined) props.onDrafted(alertId);
  };
  const needsOverride = !props.isVerified && !isOverride;
  return (
    <form
      class="alert-composer"
      id="alert-composer"
      aria-labelledby="composer-title"
      onSubmit={(event) => void submit(event)}
    >
      <h2 id="composer-title">{t('composer.title')}</h2>
      <p class="hint">{t('composer.hint')}</p>
      <div ref={firstField}>
        <Choice
          name="template"
          legend={t('composer.kindLegend')}
          values={templates}
          value={template}
          labelOf={(value) => t(`composer.kind.${value}`)}
          onChange={setTemplate}
        />
      </div>
      <div class="field">
        <label for="composer-radius">{t('composer.radius')}</label>
        <select
          id="composer-radius"
          value={radius}
          onChange={(event) => setRadius(event.currentTarget.value)}
        >
          {radiusChoices.map((metres) => (
            <option key={metres} value={String(metres)}>
              {t('composer.radiusOption', { km: metres / 1000 })}
            </option>
          ))}
        </select>
      </div>
      {languages.map((language) => (
        <div class="field" key={language}>
          <label for={`composer-text-${language}`}>
            {t('composer.freeText', { language: languageName(language) })}
          </label>
          <textarea
            id={`composer-text-${language}`}
            name={`text-${language}`}
            lang={language}
            dir="auto"
            rows={2}
            maxLength={maxFreeTextLength}
          />
        </div>
      ))}
      <label class="choice">
        <input
          type="checkbox"
          id="composer-drill"
          checked={isDrill}
          onChange={(event) => setDrill(event.currentTarget.checked)}
        />
        {t('composer.drill')}
      </label>
      {isDrill ? <p class="notice">{t('alerts.exercise')}</p> : null}
      {props.isVerified ? null : (
        <div class="warning" role="group" aria-labelledby="composer-override-warning">
          <p id="composer-override-warning">
            <strong>{t('composer.unverified')}</strong>
          </p>
          <label class="choice">
            <input
              type="checkbox"
              id="composer-override"
              checked={isOverride}
              onChange={(event) => setOverride(event.currentTarget.checked)}
            />
            {t('composer.override')}
          </label>
        </div>
      )}
      <ErrorText message={action.message} />
      <div class="actions">
        <button type="submit" class="button" id="composer-submit" disabled={action.isBusy || needsOverride}>
          {t('composer.submit')}
        </button>
        <button type="button" class="button-secondary" onClick={props.onCancel}>
          {t('composer.cancel')}
        </button>
      </div>
    </form>
  );
}
