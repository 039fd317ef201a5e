import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { listRespondersWithTraining, saveResponderTraining } from '../api/training.ts';
import type { PresentedTraining } from '../api/types.ts';
import { trainingKinds } from '../training-kinds.ts';
import type { TrainingKind } from '../training-kinds.ts';

function asInput(training: PresentedTraining) {
  return {
    kind: training.kind as TrainingKind,
    completedOn: training.completedOn,
    ...(training.expiresOn ? { expiresOn: training.expiresOn } : {}),
  };
}

/** A coordinator records a responder's training (kind, completed, optional expiry) and sees it. */
export function ResponderTraining() {
  const roster = useResource(listRespondersWithTraining, []);
  const action = useAction();
  const [memberId, setMemberId] = useState('');
  const [kind, setKind] = useState<TrainingKind>('legal_observer');
  const [completedOn, setCompletedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const responders = roster.data ?? [];
  const chosen = responders.find((responder) => responder.memberId === memberId) ?? responders[0];

  const record = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    const added = { kind, completedOn, ...(expiresOn ? { expiresOn } : {}) };
    const trainings = [...chosen.trainings.map(asInput), added];
    const saved = await action.run(() => saveResponderTraining(chosen.memberId, trainings), {
      done: 'training.saved',
    });
    if (saved) {
      setCompletedOn('');
      setExpiresOn('');
      await roster.reload();
    }
  };
  const loadFailure = roster.error ? errorMessageOf(roster.error, 'training.loadFailed') : null;

  return (
    <section class="training" aria-labelledby="training-title">
      <h2 id="training-title">{t('training.title')}</h2>
      <Notice message={action.message ?? loadFailure} />
      {responders.length === 0 || !chosen ? (
        <p class="empty">{roster.isLoading ? t('app.loading') : t('training.noResponders')}</p>
      ) : (
        <form onSubmit={(event) => void record(event)}>
          <label for="training-responder">{t('training.responder')}</label>
          <select
            id="training-responder"
            value={chosen.memberId}
            onChange={(event) => setMemberId(event.currentTarget.value)}
          >
            {responders.map((responder) => (
              <option key={responder.memberId} value={responder.memberId} dir="auto">
                {responder.displayName}
              </option>
            ))}
          </select>
          {chosen.trainings.length === 0 ? (
            <p id="training-list" class="empty">
              {t('training.none')}
            </p>
          ) : (
            <ul id="training-list" aria-label={t('training.recorded')}>
              {chosen.trainings.map((training) => (
                <li key={`${training.kind}-${training.completedOn}`} data-training-kind={training.kind}>
                  {t(`training.kind.${training.kind}`)} · {t('training.completedOn')}{' '}
                  <bdi dir="ltr">{training.completedOn}</bdi>
                  {training.expiresOn ? (
                    <>
                      {' · '}
                      {t('training.expiresOn')} <bdi dir="ltr">{training.expiresOn}</bdi>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <label for="training-kind">{t('training.kindLabel')}</label>
          <select
            id="training-kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as TrainingKind)}
          >
            {trainingKinds.map((option) => (
              <option key={option} value={option}>
                {t(`training.kind.${option}`)}
              </option>
            ))}
          </select>
          <label for="training-completed">{t('training.completedOn')}</label>
          <input
            id="training-completed"
            type="date"
            required
            value={completedOn}
            onInput={(event) => setCompletedOn(event.currentTarget.value)}
          />
          <label for="training-expires">{t('training.expiresOnOptional')}</label>
          <input
            id="training-expires"
            type="date"
            value={expiresOn}
            onInput={(event) => setExpiresOn(event.currentTarget.value)}
          />
          <button type="submit" class="button" id="training-record" disabled={action.isBusy}>
            {t('training.record')}
          </button>
        </form>
      )}
    </section>
  );
}
