import { useMemo, useState } from 'preact/hooks';
import { navigate } from '../../../lib/hash-route.ts';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isFromModule } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { listActiveIncidents } from '../api/incidents.ts';
import type { PresentedIncident } from '../api/types.ts';
import { IncidentMap } from '../components/incident-map.tsx';
import type { MapPoint } from '../components/incident-map.tsx';
import { QueueRow } from '../components/queue-row.tsx';
import { useQueueKeys } from '../hooks/use-queue-keys.ts';
import { LiveCalls } from '../../voice/components/live-calls.tsx';
import { sortQueue } from '../queue-order.ts';

function mapPointsOf(incidents: PresentedIncident[], selectedId: string | undefined): MapPoint[] {
  return incidents.flatMap((incident) =>
    incident.location
      ? [
          {
            id: incident.id,
            lat: incident.location.lat,
            lon: incident.location.lon,
            label: `${t(`category.${incident.category}`)} · ${t(`status.${incident.status}`)}`,
            isSelected: incident.id === selectedId,
          },
        ]
      : [],
  );
}

// One empty list for every render, so the map does not refit to nothing over and over.
const noIncidents: PresentedIncident[] = [];

/** The dispatcher's live queue: refetched on every realtime event, never by reloading the page. */
export function QueuePage() {
  const [isLive, setLive] = useState(false);
  const queue = useLiveResource(async () => sortQueue(await listActiveIncidents()), {
    events: isFromModule('incident'),
    onLive: setLive,
  });
  const all = queue.data ?? noIncidents;
  // Incidents known only to a ZIP or an area wait apart until a dispatcher places them (ADR 0036).
  const incidents = useMemo(() => all.filter((incident) => !incident.isLocationUnclear), [all]);
  const unclear = useMemo(() => all.filter((incident) => incident.isLocationUnclear), [all]);
  // The keys walk both lists, the unclear lane after the placed incidents.
  const walked = useMemo(() => [...incidents, ...unclear], [incidents, unclear]);
  const action = useAction();
  const { selected, current } = useQueueKeys(walked, action, queue.reload);
  const points = useMemo(() => mapPointsOf(incidents, current?.id), [incidents, current]);
  const loadFailure = queue.error ? errorMessageOf(queue.error, 'queue.loadFailed') : null;

  return (
    <section class="console" aria-labelledby="queue-title">
      <div class="queue">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <p class={isLive ? 'live' : 'offline'} role="status">
          {isLive ? t('queue.live') : t('queue.connecting')}
        </p>
        <Notice message={action.message ?? loadFailure} />
        <LiveCalls />
        {all.length === 0 ? (
          <p class="empty">{t('queue.empty')}</p>
        ) : (
          <ol class="incident-list" aria-label={t('queue.listLabel')}>
            {incidents.map((incident, index) => (
              <QueueRow key={incident.id} incident={incident} isSelected={index === selected} />
            ))}
          </ol>
        )}
        {unclear.length > 0 ? (
          <section class="unclear-lane" aria-labelledby="unclear-lane-title">
            <h2 id="unclear-lane-title">{t('queue.unclearTitle', { count: unclear.length })}</h2>
            <p class="hint">{t('queue.unclearHint')}</p>
            <ol class="incident-list unclear-list">
              {unclear.map((incident, index) => (
                <QueueRow
                  key={incident.id}
                  incident={incident}
                  isSelected={incidents.length + index === selected}
                />
              ))}
            </ol>
          </section>
        ) : null}
      </div>
      <IncidentMap points={points} onSelect={(id) => navigate(`/incident/${id}`)} />
    </section>
  );
}
