import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { patchNetwork } from '../api/network.ts';
import type { NetworkProfile } from '../api/types.ts';
import { LanguageChoice } from './language-choice.tsx';

const timeZones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** The network's name, time zone and languages. */
export function ProfileForm(props: {
  /** Languages and settings need a fresh step-up (ADR 0019). */
  runWithStepUp: RunWithStepUp;
  profile: NetworkProfile;
  onSaved: (profile: NetworkProfile, message: Message) => void;
}) {
  const { profile } = props;
  const [name, setName] = useState(profile.name);
  const [timezone, setTimezone] = useState(profile.timezone);
  const [defaultLanguage, setDefaultLanguage] = useState(profile.languages[0] ?? 'en');
  const [others, setOthers] = useState<string[]>(profile.languages.slice(1));
  const save = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const languages = [defaultLanguage, ...others.filter((code) => code !== defaultLanguage)];
    const changes: Record<string, unknown> = {};
    if (name.trim() !== profile.name) changes.name = name.trim();
    if (timezone.trim() !== profile.timezone) changes.timezone = timezone.trim();
    if (languages.join(',') !== profile.languages.join(',')) changes.languages = languages;
    if (Object.keys(changes).length === 0) return save.setMessage(messageOf('adminNetwork.nothingChanged'));
    const saved = await save.run(() => props.runWithStepUp(() => patchNetwork(changes)));
    if (saved) props.onSaved(saved, messageOf('adminNetwork.saved'));
  };
  const toggle = (code: string, isOn: boolean) =>
    setOthers(isOn ? [...others, code] : others.filter((other) => other !== code));

  return (
    <form
      id="profile"
      class="settings-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="profile-title"
    >
      <h2 id="profile-title">{t('adminNetwork.profile.title')}</h2>
      <ErrorText message={save.message} />
      <div class="field">
        <label for="network-name">{t('adminNetwork.name')}</label>
        <input
          id="network-name"
          value={name}
          maxLength={120}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="network-timezone">{t('adminNetwork.timezone')}</label>
        <input
          id="network-timezone"
          value={timezone}
          list="time-zones"
          dir="ltr"
          onInput={(event) => setTimezone(event.currentTarget.value)}
        />
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option value={zone} key={zone} />
          ))}
        </datalist>
      </div>
      <LanguageChoice
        defaultLanguage={defaultLanguage}
        others={others}
        onDefault={setDefaultLanguage}
        onToggle={toggle}
      />
      <button type="submit" class="button" id="profile-save" disabled={save.isBusy}>
        {t('adminNetwork.save')}
      </button>
    </form>
  );
}
