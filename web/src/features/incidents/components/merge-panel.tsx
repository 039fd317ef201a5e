import { useRef, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { useShortcut } from '../../../lib/keyboard.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { listActiveIncidents, mergeIncident } from '../api/incidents.ts';
import type { PresentedIncident } from '../api/types.ts';
import { mergeCandidates } from '../merge-candidates.ts';
import { MergeChoice } from './merge-choice.tsx';
import { MergeConfirm } from './merge-confirm.tsx';

/**
 * "Merge another incident into this one": a disclosure that loads the open incidents nearby when
 * opened, one choice, then an explicit confirmation. The other incident's reports move here and it
 * closes as merged; every dispatcher's screen follows through the realtime events.
 */
export function MergePanel(props: { incident: PresentedIncident; onMerged: () => void }) {
  const { incident } = props;
  const [isOpen, setOpen] = useState(false);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const merge = useAction();
  const summary = useRef<HTMLElement>(null);
  // Loaded when opened, not on every refresh of this incident: the choice would jump.
  const candidates = useResource(
    async () => mergeCandidates(incident, await listActiveIncidents()),
    [isOpen, incident.id],
    { isEnabled: isOpen },
  );

  // "m": open the choices and bring them into view; the member still chooses and confirms.
  useShortcut('m', () => {
    setOpen(true);
    summary.current?.focus();
    summary.current?.scrollIntoView({ block: 'nearest' });
    return true;
  });

  const chosen = candidates.data?.find((candidate) => candidate.id === chosenId) ?? null;
  const confirmMerge = async () => {
    if (!chosen) return;
    const isMerged = await merge.succeeds(() => mergeIncident(chosen.id, incident.id));
    if (!isMerged) return;
    setConfirming(false);
    setChosenId(null);
    setOpen(false);
    props.onMerged();
  };
  const loadFailure = candidates.error ? errorMessageOf(candidates.error, 'queue.loadFailed') : null;

  return (
    <details class="merge-panel" open={isOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary id="merge-summary" ref={summary} aria-keyshortcuts="m">
        {t('field.merge.open')}
      </summary>
      <ErrorText message={merge.message ?? loadFailure} />
      {!isOpen ? null : candidates.data === undefined ? (
        <p>{t('app.loading')}</p>
      ) : candidates.data.length === 0 ? (
        <p class="empty">{t('field.merge.none')}</p>
      ) : (
        <fieldset class="merge-candidates">
          <legend>{t('field.merge.legend')}</legend>
          {candidates.data.map((candidate) => (
            <MergeChoice
              key={candidate.id}
              candidate={candidate}
              into={incident}
              isChosen={candidate.id === chosenId}
              onChoose={() => {
                setChosenId(candidate.id);
                setConfirming(false);
              }}
            />
          ))}
        </fieldset>
      )}
      {chosen && !isConfirming ? (
        <button type="button" class="button-secondary" id="merge-start" onClick={() => setConfirming(true)}>
          {t('field.merge.action')}
        </button>
      ) : null}
      {chosen && isConfirming ? (
        <MergeConfirm
          chosen={chosen}
          isBusy={merge.isBusy}
          onConfirm={() => void confirmMerge()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </details>
  );
}
