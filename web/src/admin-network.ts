import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from './api.ts';
import { HotlineNumbersForm } from './admin-hotline.ts';
import { SettingsForm, patchNetwork } from './admin-settings-form.ts';
import type { NetworkProfile, SettingField } from './admin-settings-form.ts';
import { t } from './i18n.ts';
import { errorNoticeOf, noticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';

/** The languages the server accepts (server/modules/networks/network.schemas.ts supportedLanguages). */
const supportedLanguages = ['en', 'es', 'ar', 'fr', 'ht', 'pt', 'zh', 'vi', 'ko', 'tl', 'ru', 'fa'];

/** Bounds as in server/modules/networks/network.settings.ts; the server checks them again. */
const retentionFields: SettingField[] = [
  { name: 'reportTextRetentionDays', min: 1, max: 365 },
  { name: 'reporterContactRetentionHoursAfterClose', min: 0, max: 720 },
];
const operationFields: SettingField[] = [
  { name: 'clusteringRadiusMeters', min: 50, max: 50_000 },
  { name: 'clusteringWindowMinutes', min: 5, max: 1440 },
  { name: 'unverifiedIncidentExpiryHours', min: 1, max: 168 },
  { name: 'alertCapPerAreaPerHour', min: 1, max: 100 },
  { name: 'smsPerSecond', min: 0.1, max: 100, step: 0.1 },
];

function languageName(code: string): string {
  try {
    return (
      new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'language' }).of(code) ?? code
    );
  } catch {
    return code;
  }
}

/** Admins name the network, choose its time zone and languages, retention and safeguards. */
export function NetworkSettingsView() {
  const [profile, setProfile] = useState<NetworkProfile | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Each save remounts the forms with the saved values.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    get<NetworkProfile>('/api/network')
      .then(setProfile)
      .catch((caught: unknown) => setNotice(errorNoticeOf(caught, 'adminNetwork.loadFailed')));
  }, []);

  const saved = (updated: NetworkProfile, message: Notice) => {
    setProfile(updated);
    setNotice(message);
    setVersion((current) => current + 1);
  };

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'network-title' },
    h('h1', { id: 'network-title' }, t('adminNetwork.title')),
    notice ? h('p', { class: 'notice', role: 'status', id: 'network-notice' }, notice.render()) : null,
    profile
      ? [
          h(ProfileForm, { key: `profile-${version}`, profile, onSaved: saved }),
          h(SettingsForm, {
            key: `retention-${version}`,
            id: 'retention',
            fields: retentionFields,
            settings: profile.settings,
            onSaved: saved,
          }),
          h(SettingsForm, {
            key: `operations-${version}`,
            id: 'operations',
            fields: operationFields,
            settings: profile.settings,
            onSaved: saved,
          }),
          h(HotlineNumbersForm, {
            key: `hotline-${version}`,
            numbers: Array.isArray(profile.settings.hotlineNumbers) ? profile.settings.hotlineNumbers : [],
            onSaved: saved,
          }),
        ]
      : notice
        ? null
        : h('p', null, t('app.loading')),
  );
}

function ProfileForm(props: {
  profile: NetworkProfile;
  onSaved: (profile: NetworkProfile, message: Notice) => void;
}) {
  const { profile } = props;
  const [name, setName] = useState(profile.name);
  const [timezone, setTimezone] = useState(profile.timezone);
  const [defaultLanguage, setDefaultLanguage] = useState(profile.languages[0] ?? 'en');
  const [others, setOthers] = useState<string[]>(profile.languages.slice(1));
  const [error, setError] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  const submit = async (event: Event) => {
    event.preventDefault();
    const languages = [defaultLanguage, ...others.filter((code) => code !== defaultLanguage)];
    const changes: Record<string, unknown> = {};
    if (name.trim() !== profile.name) changes.name = name.trim();
    if (timezone.trim() !== profile.timezone) changes.timezone = timezone.trim();
    if (languages.join(',') !== profile.languages.join(',')) changes.languages = languages;
    if (Object.keys(changes).length === 0) {
      setError(noticeOf('adminNetwork.nothingChanged'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await patchNetwork(changes), noticeOf('adminNetwork.saved'));
    } catch (caught) {
      setError(errorNoticeOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (code: string, isOn: boolean) =>
    setOthers(isOn ? [...others, code] : others.filter((other) => other !== code));

  return h(
    'form',
    {
      id: 'profile',
      class: 'settings-form',
      onSubmit: submit,
      noValidate: true,
      'aria-labelledby': 'profile-title',
    },
    h('h2', { id: 'profile-title' }, t('adminNetwork.profile.title')),
    error ? h('p', { class: 'error', role: 'alert' }, error.render()) : null,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'network-name' }, t('adminNetwork.name')),
      h('input', {
        id: 'network-name',
        value: name,
        maxLength: 120,
        onInput: (event: Event) => setName((event.currentTarget as HTMLInputElement).value),
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'network-timezone' }, t('adminNetwork.timezone')),
      h('input', {
        id: 'network-timezone',
        value: timezone,
        list: 'time-zones',
        dir: 'ltr',
        onInput: (event: Event) => setTimezone((event.currentTarget as HTMLInputElement).value),
      }),
      h(
        'datalist',
        { id: 'time-zones' },
        zones.map((zone) => h('option', { value: zone, key: zone })),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'network-default-language' }, t('adminNetwork.defaultLanguage')),
      h(
        'select',
        {
          id: 'network-default-language',
          value: defaultLanguage,
          onChange: (event: Event) => setDefaultLanguage((event.currentTarget as HTMLSelectElement).value),
        },
        supportedLanguages.map((code) =>
          h('option', { value: code, key: code }, `${languageName(code)} (${code})`),
        ),
      ),
    ),
    h(
      'fieldset',
      { class: 'language-choice' },
      h('legend', null, t('adminNetwork.otherLanguages')),
      h('p', { class: 'hint' }, t('adminNetwork.languagesHint')),
      supportedLanguages
        .filter((code) => code !== defaultLanguage)
        .map((code) =>
          h(
            'label',
            { key: code, class: 'checkbox' },
            h('input', {
              type: 'checkbox',
              name: 'language',
              value: code,
              checked: others.includes(code),
              onChange: (event: Event) => toggle(code, (event.currentTarget as HTMLInputElement).checked),
            }),
            ' ',
            `${languageName(code)} (${code})`,
          ),
        ),
    ),
    h(
      'button',
      { type: 'submit', class: 'button', id: 'profile-save', disabled: isBusy },
      t('adminNetwork.save'),
    ),
  );
}
