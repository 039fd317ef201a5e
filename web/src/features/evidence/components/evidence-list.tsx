import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isAbout } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { fetchSharedCopy, listEvidence } from '../api/evidence.ts';
import type { PresentedEvidence } from '../api/types.ts';
import { EvidenceRow } from './evidence-row.tsx';

/** Shared copies fetched on request, as blob: URLs released when the list goes away. */
function useShownCopies(onFailure: (message: Message) => void) {
  const [shown, setShown] = useState<Record<string, string>>({});
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);
  const show = async (item: PresentedEvidence) => {
    try {
      const url = URL.createObjectURL(await fetchSharedCopy(item));
      urls.current.push(url);
      setShown((current) => ({ ...current, [item.id]: url }));
    } catch (caught) {
      const failedKey =
        item.kind === 'video' ? 'field.evidence.showVideoFailed' : 'field.evidence.showFailed';
      onFailure(errorMessageOf(caught, failedKey));
    }
  };
  return { shown, show };
}

/**
 * The incident's evidence for dispatchers. Photos and videos are offered only as the shared copy
 * (without location or device data), and only when asked for: every view is written to the
 * custody log, and a phone on a slow link should not pull every photo or video of a busy
 * incident. A fetched copy is shown (a video plays in the page) from a blob: URL.
 */
export function EvidenceList(props: { incidentId: string }) {
  const evidence = useLiveResource(() => listEvidence(props.incidentId), {
    events: isAbout(props.incidentId),
    dependencies: [props.incidentId],
  });
  const [failure, setFailure] = useState<Message | null>(null);
  const { shown, show } = useShownCopies(setFailure);
  if (isApiError(evidence.error) && (evidence.error.status === 403 || evidence.error.status === 404))
    return null;
  const loadFailure = evidence.error ? errorMessageOf(evidence.error, 'field.evidence.loadFailed') : null;
  const items = evidence.data;

  return (
    <section class="evidence" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('field.evidence.title')}</h2>
      <p class="hint">{t('field.evidence.strippedNote')}</p>
      <Notice message={failure ?? loadFailure} />
      {items === undefined ? (
        <p>{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t('field.evidence.none')}</p>
      ) : (
        <ul class="evidence-list">
          {items.map((item, index) => (
            <EvidenceRow
              key={item.id}
              item={item}
              number={index + 1}
              url={shown[item.id]}
              onShow={() => void show(item)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
