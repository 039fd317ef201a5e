import { useState } from 'preact/hooks';
import { Field } from '../../../lib/field.tsx';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import type { Action, ActionOptions } from '../../../lib/use-action.ts';
import { sendTestPage, setContact, verifyContact } from '../api/responder.ts';
import type { OwnResponderProfile } from '../api/types.ts';
import { registerThisDeviceForPush, unregisterThisDevice } from '../push-device.ts';

/**
 * How offers reach this responder with the app closed: push to this browser (through the app's
 * service worker) and an SMS number; what is registered now, and a test page to both.
 */
export function ResponderDevices(props: {
  profile: OwnResponderProfile;
  action: Action;
  reload: () => Promise<void>;
}) {
  const { profile, action } = props;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  /** Runs a step and reloads the profile; resolves whether the step succeeded. */
  const run = async (
    step: () => Promise<unknown>,
    done: string,
    options: ActionOptions & { onSuccess?: () => void } = {},
  ) => {
    const succeeded = await action.succeeds(step, { done, ...options });
    // Cleared before the reload, so nothing typed while it runs is wiped; a refused entry stays
    // on the screen to be corrected.
    if (succeeded) options.onSuccess?.();
    await props.reload();
    return succeeded;
  };
  const turnOnPush = () =>
    run(
      async () => {
        const blocker = await registerThisDeviceForPush();
        if (blocker) throw new PushBlocked(blocker);
      },
      'oncall.pushOn',
      {
        failed: (caught) =>
          caught instanceof PushBlocked
            ? messageOf(`oncall.push.${caught.blocker}`)
            : errorMessageOf(caught, 'oncall.pushFailed'),
      },
    );
  const testPage = async () => {
    const answer = await action.run(sendTestPage);
    if (!answer) return;
    action.setMessage(
      messageOf(answer.channels.length === 0 ? 'oncall.testPageNoChannel' : 'oncall.testPageSent'),
    );
  };
  return (
    <section class="responder-devices" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('oncall.devicesTitle')}</h2>
      <p id="push-state" data-registered={String(profile.hasPushSubscription)}>
        {t(profile.hasPushSubscription ? 'oncall.pushRegistered' : 'oncall.pushNotRegistered')}
      </p>
      {profile.hasPushSubscription ? (
        <button
          type="button"
          class="button-secondary"
          id="push-off"
          onClick={() => void run(unregisterThisDevice, 'oncall.pushOff')}
        >
          {t('oncall.turnOffPush')}
        </button>
      ) : (
        <button type="button" class="button" id="push-on" onClick={() => void turnOnPush()}>
          {t('oncall.turnOnPush')}
        </button>
      )}
      <p id="sms-state" data-ending={profile.smsPhoneEnding ?? ''}>
        {profile.smsPhoneEnding
          ? t('oncall.smsRegistered', { ending: profile.smsPhoneEnding })
          : t('oncall.smsNotRegistered')}
      </p>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => setContact(phone.trim()), 'oncall.smsSaved', { onSuccess: () => setPhone('') });
        }}
      >
        <Field
          id="sms-phone"
          name="smsPhone"
          type="tel"
          autocomplete="tel"
          label={t('oncall.smsNumber')}
          placeholder="+13125550123"
          value={phone}
          onInput={(event) => setPhone(event.currentTarget.value)}
        />
        <button type="submit" class="button-secondary" id="sms-save">
          {t('oncall.saveNumber')}
        </button>
      </form>
      {profile.pendingSmsPhoneEnding ? (
        <form
          class="inline-form"
          id="sms-code-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => verifyContact(code.trim()), 'oncall.smsVerified', {
              onSuccess: () => setCode(''),
            });
          }}
        >
          <Field
            id="sms-code"
            name="code"
            inputMode="numeric"
            autocomplete="one-time-code"
            maxLength={6}
            label={t('oncall.smsCode', { ending: profile.pendingSmsPhoneEnding })}
            value={code}
            onInput={(event) => setCode(event.currentTarget.value)}
          />
          <button type="submit" class="button" id="sms-verify">
            {t('oncall.verify')}
          </button>
        </form>
      ) : null}
      <button type="button" class="button-secondary" id="test-page" onClick={() => void testPage()}>
        {t('oncall.sendTestPage')}
      </button>
    </section>
  );
}

/** The browser cannot take pushes, or the member refused notifications. */
export class PushBlocked extends Error {
  constructor(readonly blocker: 'unsupported' | 'denied') {
    super(blocker);
  }
}
