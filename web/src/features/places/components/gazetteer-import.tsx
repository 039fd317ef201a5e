import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { importGazetteerList, previewGazetteerImport } from '../api/gazetteer.ts';
import type { GazetteerList } from '../api/gazetteer.ts';
import type { GazetteerImportPreview, ImportFormat } from '../api/types.ts';

/** The server's caps (place.contract.ts), checked here too so a huge file is not sent at all. */
const maxFileBytes: Record<GazetteerList, number> = { places: 512 * 1024, streets: 4 * 1024 * 1024 };

/** GeoJSON starts with an object; anything else is read as CSV. */
function formatOf(text: string): ImportFormat {
  return text.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

interface ChosenFile {
  format: ImportFormat;
  text: string;
}

/**
 * One list's import: the file is checked first and every row with a problem is listed; only a
 * file without any replaces the list (a bad file changes nothing).
 */
export function GazetteerImport(props: { list: GazetteerList; onImported: () => void }) {
  const { list } = props;
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<GazetteerImportPreview | null>(null);
  const action = useAction();
  const id = (part: string) => `${list}-${part}`;

  const choose = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    setPreview(null);
    setChosen(null);
    if (!file) return;
    if (file.size > maxFileBytes[list]) {
      action.setMessage(messageOf('error.GAZETTEER_FILE_TOO_LARGE'));
      return;
    }
    const text = await file.text();
    const format = formatOf(text);
    const checked = await action.run(() => previewGazetteerImport(list, format, text));
    if (!checked) return;
    setChosen({ format, text });
    setPreview(checked);
  };
  const send = async () => {
    if (!chosen) return;
    const done = await action.run(() => importGazetteerList(list, chosen.format, chosen.text));
    if (!done) return;
    setPreview(null);
    setChosen(null);
    action.setMessage(messageOf(`places.${list}.imported`, { count: done.imported }));
    props.onImported();
  };

  return (
    <section class="gazetteer-import" aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t(`places.${list}.title`)}</h2>
      <p class="hint" id={id('hint')}>
        {t(`places.${list}.hint`)}
      </p>
      <pre class="hint">{t(`places.${list}.example`)}</pre>
      <label for={id('file')}>{t(`places.${list}.file`)}</label>
      <input
        id={id('file')}
        type="file"
        accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
        aria-describedby={id('hint')}
        disabled={action.isBusy}
        onChange={(event) => void choose(event)}
      />
      <Notice message={action.message} />
      {preview ? (
        <>
          <p id={id('summary')}>
            {t('places.summary', { valid: preview.validCount, invalid: preview.invalidCount })}
          </p>
          {preview.problemRows.length > 0 ? (
            <table class="import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('places.line')}</th>
                  <th scope="col">{t('places.name')}</th>
                  <th scope="col">{t('places.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.problemRows.map((row) => (
                  <tr key={row.line} data-import-line={row.line}>
                    <td>{row.line}</td>
                    <td>{row.name}</td>
                    <td>
                      <ul class="error">
                        {row.problems.map((problem) => (
                          <li key={problem}>{t(`places.problem.${problem}`)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <button
              type="button"
              class="button"
              id={id('send')}
              disabled={action.isBusy}
              onClick={() => void send()}
            >
              {t(`places.${list}.send`, { count: preview.validCount })}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}
