import type { ComponentChildren } from 'preact';
import { t } from '../../../lib/i18n.ts';
import type { IncidentStatus } from '../api/types.ts';
import { incidentStatuses } from '../categories.ts';

/** Claim (or release, or take over), the other statuses, and "draft alert". */
export function IncidentActions(props: {
  status: IncidentStatus;
  claimControl: ComponentChildren;
  onStatus: (status: IncidentStatus) => void;
  onDraftAlert: () => void;
}) {
  return (
    <div class="actions" role="group" aria-label={t('incident.actions')}>
      {props.claimControl}
      {incidentStatuses
        .filter((status) => status !== props.status)
        .map((status) => (
          <button
            type="button"
            key={status}
            class="button-secondary"
            data-status={status}
            onClick={() => props.onStatus(status)}
          >
            {t(`statusAction.${status}`)}
          </button>
        ))}
      <button type="button" class="button-secondary" onClick={props.onDraftAlert}>
        {t('incident.draftAlert')}
      </button>
    </div>
  );
}
