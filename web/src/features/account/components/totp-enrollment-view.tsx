import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import type { TotpEnrollment } from '../api/types.ts';

/** The QR code comes from the server as SVG text; shown as an image, never injected as markup. */
function qrImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The QR code and secret of a new authenticator app, and its first code to confirm it. */
export function TotpEnrollmentView(props: {
  enrollment: TotpEnrollment;
  isBusy: boolean;
  onConfirm: (code: string) => void;
  onCancel: () => void;
}) {
  const submit = (event: Event) => {
    event.preventDefault();
    props.onConfirm(formText(event.currentTarget, 'code'));
  };
  return (
    <div class="totp-enrollment">
      <img
        src={qrImageSource(props.enrollment.qrSvg)}
        alt={t('totp.qrAlt')}
        class="qr"
        width={200}
        height={200}
      />
      <p>{t('totp.manualEntry')}</p>
      <p>
        <code class="secret" id="totp-secret" dir="ltr">
          {props.enrollment.secret}
        </code>
      </p>
      <form onSubmit={submit}>
        <div class="field">
          <label for="totp-confirm-code">{t('totp.firstCode')}</label>
          <input
            id="totp-confirm-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
          />
        </div>
        <div class="actions">
          <button type="submit" class="button" disabled={props.isBusy}>
            {t('totp.confirm')}
          </button>
          <button type="button" class="button-secondary" onClick={props.onCancel}>
            {t('stepUp.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
