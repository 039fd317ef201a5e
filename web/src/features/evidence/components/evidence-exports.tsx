import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isAbout } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { approveExport, downloadExport, listExports, requestExport } from '../api/exports.ts';
import { exportRequesterRoles } from '../roles.ts';
import { saveFile } from '../save-file.ts';
import { ExportRow } from './export-row.tsx';

/**
 * Two-person evidence exports: an advocate or admin asks for the incident's bundle, a different
 * advocate, admin or coordinator approves it, and the one who asked downloads it once within the
 * hour. Each step needs a fresh second factor (the shared step-up dialog).
 */
export function EvidenceExports(props: { incidentId: string }) {
  const { incidentId } = props;
  const session = useSession();
  const exports = useLiveResource(() => listExports(incidentId), {
    events: isAbout(incidentId),
    dependencies: [incidentId],
  });
  const action = useAction();
  const stepUp = useStepUp({ hint: t('exports.stepUpHint') });
  if (isApiError(exports.error) && (exports.error.status === 403 || exports.error.status === 404))
    return null;

  /** Runs one step through the step-up dialog; a refusal is shown as the server's code, translated. */
  const act = async (step: () => Promise<unknown>, doneKey: string) => {
    await action.run(() => stepUp.run(step), { done: doneKey });
    await exports.reload();
  };
  const download = (exportId: string) =>
    act(async () => {
      const file = await downloadExport(exportId);
      saveFile(file.blob, file.fileName ?? `evidence-${incidentId}.zip`);
    }, 'exports.downloaded');
  const loadFailure = exports.error ? errorMessageOf(exports.error, 'exports.loadFailed') : null;

  return (
    <section class="evidence-exports" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('exports.title')}</h2>
      <p class="hint">{t('exports.intro')}</p>
      <Notice message={action.message ?? loadFailure} id="exports-notice" />
      {hasRole(session, ...exportRequesterRoles) ? (
        <p>
          <button
            type="button"
            class="button-secondary"
            id="export-request"
            disabled={action.isBusy}
            onClick={() => void act(() => requestExport(incidentId), 'exports.requested')}
          >
            {t('exports.request')}
          </button>
        </p>
      ) : null}
      {exports.data === undefined ? (
        <p>{t('app.loading')}</p>
      ) : exports.data.length === 0 ? (
        <p class="empty">{t('exports.none')}</p>
      ) : (
        <ul class="export-list" id="export-list">
          {exports.data.map((item) => (
            <ExportRow
              key={item.id}
              item={item}
              isMine={item.requestedBy === session.memberId}
              isBusy={action.isBusy}
              onApprove={() => void act(() => approveExport(item.id), 'exports.approved')}
              onDownload={() => void download(item.id)}
            />
          ))}
        </ul>
      )}
      {stepUp.dialog}
    </section>
  );
}
