import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../auth/session.ts';
import type { PresentedIncident } from '../api/types.ts';

/**
 * Who works the incident, and the one move that fits: claim it when free, release one's own
 * claim, or take it over from another dispatcher, which first asks, naming them.
 */
export function ClaimControl(props: {
  claim: PresentedIncident['claim'];
  isClosed: boolean;
  onClaim: () => void;
  onTakeOver: () => void;
  onRelease: () => void;
}) {
  const session = useSession();
  const [isConfirming, setConfirming] = useState(false);
  const { claim } = props;
  if (props.isClosed) return null;
  if (claim === null)
    return (
      <button type="button" class="button" id="claim-incident" onClick={props.onClaim}>
        {t('incident.claim')}
      </button>
    );
  if (claim.memberId === session.memberId)
    return (
      <button type="button" class="button-secondary" id="release-claim" onClick={props.onRelease}>
        {t('incident.release')}
      </button>
    );
  const name = `\u2068${claim.displayName ?? '—'}\u2069`;
  if (!isConfirming)
    return (
      <button type="button" class="button-secondary" id="take-over" onClick={() => setConfirming(true)}>
        {t('incident.takeOver', { name })}
      </button>
    );
  return (
    <div class="confirm" role="group" aria-labelledby="take-over-question">
      <p id="take-over-question">{t('incident.takeOverQuestion', { name })}</p>
      <button
        type="button"
        class="button-danger"
        id="confirm-take-over"
        onClick={() => {
          setConfirming(false);
          props.onTakeOver();
        }}
      >
        {t('incident.confirmTakeOver')}
      </button>
      <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
        {t('incident.keepClaim')}
      </button>
    </div>
  );
}
