import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { previewVolunteerImport, sendVolunteerImport } from '../api/invitation-imports.ts';
import type { ImportPreview, ImportRowPreview } from '../api/types.ts';

/** The file's size cap, checked here too so a huge file is not sent at all. */
const maxFileBytes = 64 * 1024;

function ImportRow(props: { row: ImportRowPreview }) {
  const { row } = props;
  const hasProblems = row.problems.length > 0;
  return (
    <tr data-import-line={row.line} data-import-state={hasProblems ? 'invalid' : 'valid'}>
      <td>{row.line}</td>
      <td>{row.name}</td>
      <td>{row.channel ? t(`import.channel.${row.channel}`) : ''}</td>
      <td>{row.roles.join(', ')}</td>
      <td>
        {hasProblems ? (
          <ul class="error">
            {row.problems.map((item) => (
              <li key={item.problem}>{t(`import.problem.${item.problem}`)}</li>
            ))}
          </ul>
        ) : (
          t('import.ok')
        )}
      </td>
    </tr>
  );
}

/**
 * Coordinators bring volunteers in from a CSV: the server checks every row and lists each row's
 * problems; only a file with none can be sent, one invitation per row by email or text message.
 */
export function VolunteerImport(props: { onSent: () => void }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const action = useAction();

  const choose = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    setPreview(null);
    if (!file) return;
    if (file.size > maxFileBytes) {
      setCsv(null);
      action.setMessage(messageOf('error.IMPORT_TOO_MANY_ROWS'));
      return;
    }
    const text = await file.text();
    setCsv(text);
    const checked = await action.run(() => previewVolunteerImport(text));
    if (checked) setPreview(checked);
  };
  const send = async () => {
    if (csv === null) return;
    const sent = await action.run(() => sendVolunteerImport(csv));
    if (!sent) return;
    setPreview(null);
    setCsv(null);
    action.setMessage(
      messageOf('import.sent', { count: sent.invited, email: sent.byChannel.email, sms: sent.byChannel.sms }),
    );
    props.onSent();
  };

  return (
    <section class="volunteer-import" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <p class="hint" id="import-hint">
        {t('import.hint')}
      </p>
      <label for="import-file">{t('import.file')}</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,text/csv"
        aria-describedby="import-hint"
        disabled={action.isBusy}
        onChange={(event) => void choose(event)}
      />
      <Notice message={action.message} />
      {preview ? (
        <>
          <p id="import-summary">
            {t('import.summary', { valid: preview.validCount, invalid: preview.invalidCount })}
          </p>
          <table class="import-preview">
            <thead>
              <tr>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('import.name')}</th>
                <th scope="col">{t('import.channel')}</th>
                <th scope="col">{t('import.roles')}</th>
                <th scope="col">{t('import.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <ImportRow key={row.line} row={row} />
              ))}
            </tbody>
          </table>
          {preview.invalidCount === 0 ? (
            <button
              type="button"
              class="button"
              id="import-send"
              disabled={action.isBusy}
              onClick={() => void send()}
            >
              {t('import.send', { count: preview.validCount })}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
