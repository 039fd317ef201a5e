import { h } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api, post } from './api.ts';
import { formText } from './forms.ts';
import { t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

/** 'unknown': the member has passkeys, and the API does not say whether an app is set up too. */
export type TotpState = 'none' | 'enrolled' | 'unknown';

interface Enrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** The QR code comes from the server as SVG text; shown as an image, never injected as markup. */
function qrImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Set up an authenticator app (QR code, then a first code to confirm) or remove it. */
export function TotpSection(props: {
  state: TotpState;
  runWithStepUp: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  onChanged: (state: TotpState, noticeKey: string) => void;
}) {
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const attempt = async (action: () => Promise<void>, fallbackKey: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'TOTP_ALREADY_ENROLLED') {
        props.onChanged('enrolled', 'totp.alreadyEnrolled');
      } else {
        setError(messageOf(caught, fallbackKey));
      }
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    attempt(async () => {
      const started = await props.runWithStepUp(() => post<Enrollment>('/api/auth/totp/enroll'));
      if (started) setEnrollment(started);
    }, 'action.failed');

  const confirm = (event: Event) => {
    event.preventDefault();
    const code = formText(event.currentTarget, 'code');
    void attempt(async () => {
      const confirmed = await props.runWithStepUp(() => post('/api/auth/totp/confirm', { code }));
      if (confirmed === undefined) return;
      setEnrollment(null);
      props.onChanged('enrolled', 'totp.enrolled');
    }, 'signIn.codeFailed');
  };

  const remove = () =>
    attempt(async () => {
      const removed = await props.runWithStepUp(() => api('DELETE', '/api/auth/totp'));
      if (removed !== undefined) props.onChanged('none', 'totp.removed');
    }, 'action.failed');

  return h(
    'section',
    { 'aria-labelledby': 'totp-title', class: 'account-part' },
    h('h2', { id: 'totp-title' }, t('totp.title')),
    h('p', { class: 'hint' }, t(props.state === 'enrolled' ? 'totp.enrolledExplain' : 'totp.explain')),
    props.state === 'unknown' ? h('p', { class: 'hint' }, t('totp.unknownState')) : null,
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    enrollment
      ? h(
          'div',
          { class: 'totp-enrollment' },
          h('img', {
            src: qrImageSource(enrollment.qrSvg),
            alt: t('totp.qrAlt'),
            class: 'qr',
            width: 200,
            height: 200,
          }),
          h('p', null, t('totp.manualEntry')),
          h('p', null, h('code', { class: 'secret', id: 'totp-secret', dir: 'ltr' }, enrollment.secret)),
          h(
            'form',
            { onSubmit: confirm },
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'totp-confirm-code' }, t('totp.firstCode')),
              h('input', {
                id: 'totp-confirm-code',
                name: 'code',
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                required: true,
              }),
            ),
            h(
              'div',
              { class: 'actions' },
              h('button', { type: 'submit', class: 'button', disabled: isBusy }, t('totp.confirm')),
              h(
                'button',
                { type: 'button', class: 'button-secondary', onClick: () => setEnrollment(null) },
                t('stepUp.cancel'),
              ),
            ),
          ),
        )
      : h(
          'div',
          { class: 'actions' },
          props.state !== 'enrolled'
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'button',
                  id: 'enroll-totp',
                  disabled: isBusy,
                  onClick: () => void start(),
                },
                t('totp.setUp'),
              )
            : null,
          props.state !== 'none'
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'button-secondary',
                  id: 'remove-totp',
                  disabled: isBusy,
                  onClick: () => void remove(),
                },
                t('totp.remove'),
              )
            : null,
        ),
  );
}
