import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError, messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import type { RouteParams } from '../../../app/routes.tsx';
import { hasRole, useSession } from '../../auth/session.ts';
import { DispatchPanel } from '../../dispatch/components/dispatch-panel.tsx';
import { EvidenceExports } from '../../evidence/components/evidence-exports.tsx';
import { EvidenceList } from '../../evidence/components/evidence-list.tsx';
import { LegalHoldPanel } from '../../evidence/components/legal-hold-panel.tsx';
import { exportViewerRoles } from '../../evidence/roles.ts';
import { ClaimControl } from '../components/claim-control.tsx';
import { ReporterThread } from '../components/reporter-thread.tsx';
import { IncidentActions } from '../components/incident-actions.tsx';
import { AlertComposer } from '../../alerts/components/alert-composer.tsx';
import { navigate } from '../../../lib/hash-route.ts';
import { IncidentHeader, IncidentMoves } from '../components/incident-header.tsx';
import { MergePanel } from '../components/merge-panel.tsx';
import { PlaceOnMap } from '../components/place-on-map.tsx';
import { NotesSection } from '../components/notes-section.tsx';
import { PublicPagesPanel } from '../components/public-pages-panel.tsx';
import { ReportTimeline } from '../components/report-timeline.tsx';
import { useIncidentWorkspace } from '../hooks/use-incident-workspace.ts';
import { VoicemailList } from '../../voice/components/voicemail-list.tsx';
import { incidentRoles } from '../roles.ts';

/** The page before the incident is shown: loading, or why it cannot be, with exports if allowed. */
function IncidentUnavailable(props: { incidentId: string; reason: string | null }) {
  const mayExport = hasRole(useSession(), ...exportViewerRoles);
  return (
    <section class="panel">
      <h1>{t('incident.title')}</h1>
      {props.reason ? <p role="alert">{props.reason}</p> : <p>{t('app.loading')}</p>}
      {props.reason && mayExport ? <EvidenceExports incidentId={props.incidentId} /> : null}
    </section>
  );
}

/** One incident for those who work it: timeline, status, claim, merge, dispatch, evidence, notes. */
function IncidentWorkspace(props: { incidentId: string }) {
  const { incidentId } = props;
  const mayExport = hasRole(useSession(), ...exportViewerRoles);
  const { detail, notes, action, claim, takeOver, release, changeStatus, saveNote } =
    useIncidentWorkspace(incidentId);
  const [splitIntoId, setSplitIntoId] = useState<string | null>(null);
  const [isComposing, setComposing] = useState(false);
  const loadFailure = detail.error ? errorMessageOf(detail.error, 'incident.loadFailed') : null;

  if (!detail.data) {
    // The server hides incidents outside the member's areas; the evidence may still be theirs.
    const isHidden = isApiError(detail.error, 'FORBIDDEN');
    const reason = isHidden ? t('exports.incidentHidden') : (loadFailure?.render() ?? null);
    return <IncidentUnavailable incidentId={incidentId} reason={reason} />;
  }
  const { incident, reports } = detail.data;
  return (
    <section class="incident-page" aria-labelledby="incident-title">
      <IncidentHeader incident={incident} />
      <Notice message={action.message ?? loadFailure} />
      <IncidentMoves mergedIntoId={incident.mergedIntoId} splitIntoId={splitIntoId} />
      <IncidentActions
        status={incident.status}
        claimControl={
          <ClaimControl
            claim={incident.claim}
            isClosed={incident.status === 'closed'}
            onClaim={() => void claim()}
            onTakeOver={() => void takeOver()}
            onRelease={() => void release()}
          />
        }
        onStatus={(status) => void changeStatus(status)}
        onDraftAlert={() => setComposing(true)}
      />
      {isComposing ? (
        <AlertComposer
          incidentId={incidentId}
          isVerified={incident.status === 'confirmed'}
          onDrafted={(alertId) => navigate(`/alerts/${alertId}`)}
          onCancel={() => setComposing(false)}
        />
      ) : null}
      {incident.isLocationUnclear && incident.status !== 'closed' ? (
        <PlaceOnMap
          incident={incident}
          onPlaced={(placed) => {
            action.setMessage(messageOf(placed.mergedIntoId ? 'placement.merged' : 'placement.done'));
            if (placed.mergedIntoId) navigate(`/incident/${placed.mergedIntoId}`);
            else void detail.reload();
          }}
        />
      ) : null}
      <ReportTimeline
        incidentId={incidentId}
        reports={reports}
        isClosed={incident.status === 'closed'}
        onSplit={(newIncidentId) => {
          setSplitIntoId(newIncidentId);
          void detail.reload();
        }}
      />
      {incident.status === 'closed' ? null : (
        <MergePanel
          incident={incident}
          onMerged={() => {
            action.setMessage(messageOf('field.merge.done'));
            void detail.reload();
          }}
        />
      )}
      <VoicemailList incidentId={incidentId} />
      <ReporterThread incidentId={incidentId} reports={reports} isClosed={incident.status === 'closed'} />
      <DispatchPanel incidentId={incidentId} hasLocation={incident.location !== null} />
      <EvidenceList incidentId={incidentId} />
      <LegalHoldPanel incidentId={incidentId} />
      {mayExport ? <EvidenceExports incidentId={incidentId} /> : null}
      <NotesSection notes={notes.data ?? []} onAdd={saveNote} />
      <PublicPagesPanel
        incidentId={incidentId}
        withholding={detail.data.publicWithholding}
        onChanged={() => detail.reload()}
      />
    </section>
  );
}

/**
 * `#/incident/<id>`. Dispatchers and coordinators work the incident; advocates and admins, who do
 * not see its reports, get its evidence exports only, without asking for what they may not see.
 */
export function IncidentPage(props: { params: RouteParams }) {
  const incidentId = props.params.incidentId!;
  if (!hasRole(useSession(), ...incidentRoles)) {
    return <IncidentUnavailable incidentId={incidentId} reason={t('exports.incidentHidden')} />;
  }
  return <IncidentWorkspace incidentId={incidentId} />;
}
