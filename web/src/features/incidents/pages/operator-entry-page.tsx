import { Field } from '../../../lib/field.tsx';
import { formText } from '../../../lib/forms.ts';
import { navigate } from '../../../lib/hash-route.ts';
import { currentLanguage, t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { submitOperatorReport } from '../api/incidents.ts';
import type { OperatorReportBody } from '../api/types.ts';
import { reportCategories } from '../categories.ts';

function reportOf(form: EventTarget | null): Omit<OperatorReportBody, 'channel'> {
  const text = (name: string) => formText(form, name) || undefined;
  const chosen = text('category');
  return {
    category: reportCategories.find((category) => category === chosen) ?? 'other',
    locationText: text('locationText'),
    zip: text('zip'),
    description: text('description'),
    callerPhone: text('callerPhone'),
    language: text('language') ?? currentLanguage(),
  };
}

/** A hotline operator types a phone call in: a few fields, Enter to send, then straight to the incident. */
export function OperatorEntryPage() {
  const submission = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const report = reportOf(event.currentTarget);
    const incidentId = await submission.run(() => submitOperatorReport(report), { failed: 'entry.failed' });
    if (incidentId !== undefined) navigate(`/incident/${incidentId}`);
  };
  return (
    <section class="panel" aria-labelledby="entry-title">
      <h1 id="entry-title">{t('entry.title')}</h1>
      <ErrorText message={submission.message} />
      <form onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for="entry-category">{t('entry.category')}</label>
          <select id="entry-category" name="category" required>
            {reportCategories.map((category) => (
              <option value={category} key={category}>
                {t(`category.${category}`)}
              </option>
            ))}
          </select>
        </div>
        <Field id="entry-locationText" name="locationText" label={t('entry.locationText')} autoFocus />
        <Field id="entry-zip" name="zip" label={t('entry.zip')} inputMode="numeric" pattern="[0-9]{5}" />
        <div class="field">
          <label for="entry-description">{t('entry.description')}</label>
          <textarea id="entry-description" name="description" rows={4} maxLength={2000} />
        </div>
        <Field
          id="entry-callerPhone"
          name="callerPhone"
          label={t('entry.callerPhone')}
          type="tel"
          autoComplete="off"
        />
        <Field
          id="entry-language"
          name="language"
          label={t('entry.language')}
          maxLength={10}
          placeholder="es"
        />
        <button type="submit" class="button">
          {t('entry.submit')}
        </button>
      </form>
    </section>
  );
}
