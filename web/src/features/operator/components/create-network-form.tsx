import { useState } from 'preact/hooks';
import { Field } from '../../../lib/field.tsx';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { createOperatorNetwork } from '../api/operator.ts';
import type { CreatedOperatorNetwork, OperatorNetworkInput } from '../api/types.ts';

/** A new network and the one-time link its first admin opens (shown once, to pass on). */
export function CreateNetworkForm(props: { onCreated: () => Promise<void> }) {
  const attempt = useAction();
  const [created, setCreated] = useState<CreatedOperatorNetwork | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const languages = formText(form, 'languages')
      .split(',')
      .map((language) => language.trim())
      .filter((language) => language !== '');
    const input = {
      name: formText(form, 'name'),
      slug: formText(form, 'slug'),
      timezone: formText(form, 'timezone'),
      languages,
    } as OperatorNetworkInput;
    void attempt.run(
      async () => {
        setCreated(await createOperatorNetwork(input));
        form.reset();
        await props.onCreated();
      },
      { failed: 'operator.createFailed' },
    );
  };
  return (
    <section class="panel" aria-labelledby="create-network-title" id="create-network">
      <h2 id="create-network-title">{t('operator.createTitle')}</h2>
      <ErrorText message={attempt.message} />
      {created ? (
        <div class="notice" role="status" id="created-network">
          <p>{t('operator.createdLinkIntro', { slug: created.slug })}</p>
          <p>
            <code id="admin-setup-link">{created.adminSetupLink}</code>
          </p>
          <p class="hint">{t('operator.createdLinkHint')}</p>
        </div>
      ) : null}
      <form onSubmit={submit}>
        <Field
          id="field-network-name"
          name="name"
          label={t('operator.networkName')}
          maxLength={120}
          required
        />
        <Field
          id="field-network-slug"
          name="slug"
          label={t('operator.slug')}
          maxLength={40}
          autoCapitalize="none"
          spellcheck={false}
          required
        />
        <Field
          id="field-network-timezone"
          name="timezone"
          label={t('operator.timezone')}
          value="America/Chicago"
          required
        />
        <Field
          id="field-network-languages"
          name="languages"
          label={t('operator.languages')}
          value="en,es"
          required
        />
        <button type="submit" class="button" disabled={attempt.isBusy}>
          {t('operator.createSubmit')}
        </button>
      </form>
    </section>
  );
}
