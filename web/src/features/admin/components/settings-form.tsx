import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { patchNetwork } from '../api/network.ts';
import type { NetworkProfile, NetworkSettings } from '../api/types.ts';
import type { SettingField } from '../network-fields.ts';

/** The changed settings, or why the values cannot be saved. */
function changesOf(
  fields: SettingField[],
  values: Record<string, string>,
  settings: Partial<NetworkSettings>,
) {
  const changes: Record<string, number> = {};
  for (const field of fields) {
    const value = Number(values[field.name]);
    if (values[field.name] === '' || !Number.isFinite(value) || value < field.min || value > field.max) {
      // The field's name is translated at each render too.
      const problem: Message = {
        render: () =>
          t('adminNetwork.outOfRange', {
            field: t(`adminNetwork.setting.${field.name}`),
            min: field.min,
            max: field.max,
          }),
      };
      return { problem };
    }
    if (value !== settings[field.name]) changes[field.name] = value;
  }
  if (Object.keys(changes).length === 0) return { problem: messageOf('adminNetwork.nothingChanged') };
  return { changes };
}

/**
 * A group of numeric network settings (retention, clustering, alert caps) saved together. The
 * inputs carry the bounds so the browser explains a value out of range before the server does.
 */
export function SettingsForm(props: {
  /** Languages and settings need a fresh step-up (ADR 0019). */
  runWithStepUp: RunWithStepUp;
  id: string;
  fields: SettingField[];
  settings: Partial<NetworkSettings>;
  onSaved: (profile: NetworkProfile, message: Message) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.fields.map((field) => [field.name, String(props.settings[field.name] ?? '')])),
  );
  const save = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = changesOf(props.fields, values, props.settings);
    if (result.problem) return save.setMessage(result.problem);
    const saved = await save.run(() => props.runWithStepUp(() => patchNetwork({ settings: result.changes })));
    if (saved) props.onSaved(saved, messageOf('adminNetwork.saved'));
  };
  return (
    <form
      id={props.id}
      class="settings-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${props.id}-title`}
    >
      <h2 id={`${props.id}-title`}>{t(`adminNetwork.${props.id}.title`)}</h2>
      <p class="hint">{t(`adminNetwork.${props.id}.intro`)}</p>
      <ErrorText message={save.message} />
      {props.fields.map((field) => {
        const inputId = `setting-${field.name}`;
        return (
          <div class="field" key={field.name}>
            <label for={inputId}>{t(`adminNetwork.setting.${field.name}`)}</label>
            <input
              id={inputId}
              type="number"
              inputMode="decimal"
              min={field.min}
              max={field.max}
              step={field.step ?? 1}
              value={values[field.name]}
              aria-describedby={`${inputId}-hint`}
              onInput={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
            />
            <span class="hint" id={`${inputId}-hint`}>
              {t(`adminNetwork.setting.${field.name}.hint`, { min: field.min, max: field.max })}
            </span>
          </div>
        );
      })}
      <button type="submit" class="button" disabled={save.isBusy}>
        {t('adminNetwork.save')}
      </button>
    </form>
  );
}
