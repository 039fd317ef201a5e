import { h } from 'preact';
import { formText } from './forms.ts';
import { useState } from 'preact/hooks';
import { post } from './api.ts';
import { currentLanguage, t } from './i18n.ts';
import { reportCategories } from './incidents.ts';
import { navigate } from './route.ts';
import { messageOf } from './sign-in.ts';

/** A hotline operator types a phone call in: a few fields, Enter to send, then straight to the incident. */
export function OperatorEntry() {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const text = (name: string) => formText(form, name) || undefined;
    try {
      const stored = await post<{ incidentId: string }>('/api/reports', {
        channel: 'operator',
        category: text('category') ?? 'other',
        locationText: text('locationText'),
        zip: text('zip'),
        description: text('description'),
        callerPhone: text('callerPhone'),
        language: text('language') ?? currentLanguage(),
      });
      navigate(`/incident/${stored.incidentId}`);
    } catch (caught) {
      setError(messageOf(caught, 'entry.failed'));
    }
  };
  const input = (name: string, label: string, attributes: Record<string, unknown> = {}) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `entry-${name}` }, label),
      h('input', { id: `entry-${name}`, name, type: 'text', ...attributes }),
    );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'entry-title' },
    h('h1', { id: 'entry-title' }, t('entry.title')),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    h(
      'form',
      { onSubmit: submit },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'entry-category' }, t('entry.category')),
        h(
          'select',
          { id: 'entry-category', name: 'category', required: true },
          reportCategories.map((category) =>
            h('option', { value: category, key: category }, t(`category.${category}`)),
          ),
        ),
      ),
      input('locationText', t('entry.locationText'), { autoFocus: true }),
      input('zip', t('entry.zip'), { inputMode: 'numeric', pattern: '[0-9]{5}' }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'entry-description' }, t('entry.description')),
        h('textarea', { id: 'entry-description', name: 'description', rows: 4, maxLength: 2000 }),
      ),
      input('callerPhone', t('entry.callerPhone'), { type: 'tel', autoComplete: 'off' }),
      input('language', t('entry.language'), { maxLength: 10, placeholder: 'es' }),
      h('button', { type: 'submit', class: 'button' }, t('entry.submit')),
    ),
  );
}
