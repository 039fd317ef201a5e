import { t } from '../../../lib/i18n.ts';

/** "Sign in with a passkey": instead of a password, or as the second step after one. */
export function PasskeySignIn(props: {
  isSecondStep: boolean;
  hasCodeForm: boolean;
  isBusy: boolean;
  onUse: () => void;
}) {
  const isOnlyChoice = props.isSecondStep && !props.hasCodeForm;
  return (
    <div class="passkey-sign-in">
      {props.hasCodeForm ? (
        <p class="divider">
          <span>{t('signIn.or')}</span>
        </p>
      ) : null}
      {props.isSecondStep ? <p class="hint">{t('signIn.passkeySecondStepHint')}</p> : null}
      <button
        type="button"
        class={isOnlyChoice ? 'button' : 'button-secondary'}
        id="sign-in-passkey"
        disabled={props.isBusy}
        onClick={props.onUse}
      >
        {props.isSecondStep ? t('signIn.usePasskey') : t('signIn.withPasskey')}
      </button>
    </div>
  );
}
