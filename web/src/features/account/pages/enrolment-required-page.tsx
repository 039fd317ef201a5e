import { t } from '../../../lib/i18n.ts';
import { TotpSection } from '../components/totp-section.tsx';

/** A first factor needs no step-up: there is nothing to prove yet. */
const withoutStepUp = <T,>(action: () => Promise<T>): Promise<T> => action();

/**
 * Shown instead of every work screen until a member with any role enrols a second factor (the
 * server answers SECOND_FACTOR_REQUIRED to every work API meanwhile; ADR 0019).
 */
export function EnrolmentRequiredPage(props: { onEnrolled: () => void }) {
  return (
    <section class="panel" aria-labelledby="enrolment-title" id="enrolment-required">
      <h1 id="enrolment-title">{t('enrolment.title')}</h1>
      <p>{t('enrolment.explain')}</p>
      <TotpSection state="none" runWithStepUp={withoutStepUp} onChanged={() => props.onEnrolled()} />
    </section>
  );
}
