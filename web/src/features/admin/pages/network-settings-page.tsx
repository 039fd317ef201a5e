import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { getNetwork } from '../api/network.ts';
import type { NetworkProfile } from '../api/types.ts';
import { EscalationForm } from '../components/escalation-form.tsx';
import { HotlineNumbersForm } from '../components/hotline-numbers-form.tsx';
import { ProfileForm } from '../components/profile-form.tsx';
import { SettingsForm } from '../components/settings-form.tsx';
import { operationFields, retentionFields } from '../network-fields.ts';

/** Admins name the network, choose its time zone and languages, retention and safeguards. */
export function NetworkSettingsPage() {
  const network = useResource(getNetwork, []);
  const stepUp = useStepUp({ hint: t('stepUp.hintNetwork') });
  const [savedProfile, setSavedProfile] = useState<NetworkProfile | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  // Each save remounts the forms with the saved values.
  const [version, setVersion] = useState(0);
  const profile = savedProfile ?? network.data;
  const saved = (updated: NetworkProfile, message: Message) => {
    setSavedProfile(updated);
    setNotice(message);
    setVersion((current) => current + 1);
  };
  const shown = notice ?? (network.error ? errorMessageOf(network.error, 'adminNetwork.loadFailed') : null);
  const numbers =
    profile && Array.isArray(profile.settings.hotlineNumbers) ? profile.settings.hotlineNumbers : [];

  return (
    <section class="panel" aria-labelledby="network-title">
      <h1 id="network-title">{t('adminNetwork.title')}</h1>
      <Notice message={shown} id="network-notice" />
      {profile ? (
        <>
          <ProfileForm
            key={`profile-${version}`}
            profile={profile}
            runWithStepUp={stepUp.run}
            onSaved={saved}
          />
          <SettingsForm
            key={`retention-${version}`}
            id="retention"
            fields={retentionFields}
            settings={profile.settings}
            runWithStepUp={stepUp.run}
            onSaved={saved}
          />
          <SettingsForm
            key={`operations-${version}`}
            id="operations"
            fields={operationFields}
            settings={profile.settings}
            runWithStepUp={stepUp.run}
            onSaved={saved}
          />
          <HotlineNumbersForm
            key={`hotline-${version}`}
            numbers={numbers}
            runWithStepUp={stepUp.run}
            onSaved={saved}
          />
          <EscalationForm
            key={`escalation-${version}`}
            isOn={profile.settings.isOfferEscalationOn !== false}
            runWithStepUp={stepUp.run}
            onSaved={saved}
          />
        </>
      ) : shown ? null : (
        <p>{t('app.loading')}</p>
      )}
      {stepUp.dialog}
    </section>
  );
}
