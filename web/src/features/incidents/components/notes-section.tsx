import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import type { PresentedNote } from '../api/types.ts';

/** The incident's notes and a form to add one (`onAdd` resolves once it is saved). */
export function NotesSection(props: { notes: PresentedNote[]; onAdd: (body: string) => Promise<unknown> }) {
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = formText(form, 'note');
    if (!body) return;
    await props.onAdd(body);
    form.reset();
  };
  return (
    <>
      <h2>{t('incident.notes')}</h2>
      <ul class="notes">
        {props.notes.map((note) => (
          <li key={note.id} dir="auto">
            {note.body}
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void submit(event)}>
        <label for="field-note">{t('incident.addNote')}</label>
        <textarea id="field-note" name="note" rows={3} maxLength={4000} />
        <button type="submit" class="button-secondary">
          {t('incident.saveNote')}
        </button>
      </form>
    </>
  );
}
