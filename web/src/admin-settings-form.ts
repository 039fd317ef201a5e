import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api } from './api.ts';
import { t } from './i18n.ts';
import { errorNoticeOf, noticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';

export type Settings = Record<string, number | string[]>;

export interface NetworkProfile {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  languages: string[];
  settings: Settings;
}

/** A numeric setting with the server's bounds (server/modules/networks/network.settings.ts). */
export interface SettingField {
  name: string;
  min: number;
  max: number;
  step?: number;
}

/** PATCH /api/network with only what changed, so the audit trail names the fields really changed. */
export async function patchNetwork(changes: Record<string, unknown>): Promise<NetworkProfile> {
  return api<NetworkProfile>('PATCH', '/api/network', changes);
}

/**
 * A group of numeric network settings (retention, clustering, alert caps) saved together. The
 * inputs carry the bounds so the browser explains a value out of range before the server does.
 */
export function SettingsForm(props: {
  id: string;
  fields: SettingField[];
  settings: Settings;
  onSaved: (profile: NetworkProfile, message: Notice) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.fields.map((field) => [field.name, String(props.settings[field.name] ?? '')])),
  );
  const [error, setError] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const changes: Record<string, number> = {};
    for (const field of props.fields) {
      const value = Number(values[field.name]);
      if (values[field.name] === '' || !Number.isFinite(value) || value < field.min || value > field.max) {
        setError({
          render: () =>
            t('adminNetwork.outOfRange', {
              field: t(`adminNetwork.setting.${field.name}`),
              min: field.min,
              max: field.max,
            }),
        });
        return;
      }
      if (value !== props.settings[field.name]) changes[field.name] = value;
    }
    if (Object.keys(changes).length === 0) {
      setError(noticeOf('adminNetwork.nothingChanged'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await patchNetwork({ settings: changes }), noticeOf('adminNetwork.saved'));
    } catch (caught) {
      setError(errorNoticeOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  return h(
    'form',
    {
      id: props.id,
      class: 'settings-form',
      onSubmit: submit,
      noValidate: true,
      'aria-labelledby': `${props.id}-title`,
    },
    h('h2', { id: `${props.id}-title` }, t(`adminNetwork.${props.id}.title`)),
    h('p', { class: 'hint' }, t(`adminNetwork.${props.id}.intro`)),
    error ? h('p', { class: 'error', role: 'alert' }, error.render()) : null,
    props.fields.map((field) => {
      const inputId = `setting-${field.name}`;
      return h(
        'div',
        { class: 'field', key: field.name },
        h('label', { for: inputId }, t(`adminNetwork.setting.${field.name}`)),
        h('input', {
          id: inputId,
          type: 'number',
          inputMode: 'decimal',
          min: field.min,
          max: field.max,
          step: field.step ?? 1,
          value: values[field.name],
          'aria-describedby': `${inputId}-hint`,
          onInput: (event: Event) =>
            setValues({ ...values, [field.name]: (event.currentTarget as HTMLInputElement).value }),
        }),
        h(
          'span',
          { class: 'hint', id: `${inputId}-hint` },
          t(`adminNetwork.setting.${field.name}.hint`, { min: field.min, max: field.max }),
        ),
      );
    }),
    h('button', { type: 'submit', class: 'button', disabled: isBusy }, t('adminNetwork.save')),
  );
}
