import { useEffect, useRef } from 'preact/hooks';
import type { EvidenceEventType } from '../../../server/modules/field/evidence/evidence.contract.ts';
import type { OfferEventType } from '../../../server/modules/field/dispatch/dispatch.contract.ts';
import type { IncidentEventType } from '../../../server/modules/intake/incidents/incident.contract.ts';
import type { VoiceEventType } from '../../../server/modules/channels/voice/voice.contract.ts';
import type { WatchEventType } from '../../../server/modules/watch/shifts/shift.contract.ts';
import { listOf } from './list-of.ts';

/**
 * Every event about incidents, offers, evidence, the phone line and watch shifts (each means "refetch what you show"), and the
 * stream's own `ready` and `resync`. The names are the server's: a new event there fails the
 * typecheck here until the app listens for it too.
 */
export const realtimeEventTypes = listOf<
  IncidentEventType | OfferEventType | EvidenceEventType | VoiceEventType | WatchEventType | StreamEvent
>()([
  'incident.opened',
  'incident.reportAdded',
  'incident.statusChanged',
  'incident.claimed',
  'incident.claimReleased',
  'incident.merged',
  'incident.split',
  'incident.noteAdded',
  'incident.updated',
  'dispatch.offerSent',
  'dispatch.offerAccepted',
  'dispatch.offerDeclined',
  'dispatch.offerExpired',
  'dispatch.offerCancelled',
  'dispatch.statusReported',
  'dispatch.outcomeReported',
  'evidence.received',
  'evidence.exportRequested',
  'evidence.exportApproved',
  'voice.callMenu',
  'voice.callRinging',
  'voice.callAnswered',
  'voice.callVoicemail',
  'voice.callEnded',
  'voice.voicemailStored',
  'resync',
  'ready',
  'watch.signupChanged',
]);

/** Sent by the realtime hub itself: connected, and "events were dropped, refetch everything". */
type StreamEvent = 'ready' | 'resync';

export interface RealtimeMessage {
  type: string;
  data: Record<string, unknown>;
}

interface Subscriber {
  onMessage: (message: RealtimeMessage) => void;
  onState?: (isLive: boolean) => void;
}

const subscribers = new Set<Subscriber>();
let source: EventSource | null = null;
let isLive = false;

function setLive(live: boolean): void {
  isLive = live;
  for (const subscriber of subscribers) subscriber.onState?.(live);
}

function openSource(): EventSource {
  const opened = new EventSource('/api/realtime', { withCredentials: true });
  const listener = (event: MessageEvent<string>) => {
    // The stream sends `{ type, data, occurredAt }`; `data` holds ids, states and times only.
    let data: Record<string, unknown>;
    try {
      const envelope = JSON.parse(event.data) as { data?: Record<string, unknown> } | null;
      data = envelope?.data ?? {};
    } catch {
      data = {};
    }
    for (const subscriber of [...subscribers]) subscriber.onMessage({ type: event.type, data });
  };
  for (const type of realtimeEventTypes) opened.addEventListener(type, listener);
  opened.onopen = () => setLive(true);
  opened.onerror = () => setLive(false);
  return opened;
}

/**
 * One EventSource on /api/realtime, shared by every part of the screen that listens (a page and
 * its panels), open while anyone listens: browsers allow only a few connections per origin.
 */
function subscribe(subscriber: Subscriber): () => void {
  subscribers.add(subscriber);
  source ??= openSource();
  subscriber.onState?.(isLive);
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size > 0 || !source) return;
    source.close();
    source = null;
    isLive = false;
  };
}

/**
 * Realtime events for the signed-in member while the calling component is shown. The browser
 * reconnects by itself; the server sends `resync` when it dropped events and `ready` on each
 * (re)connect, so listeners refetch on both.
 */
export function useRealtime(
  onMessage: (message: RealtimeMessage) => void,
  onState?: (isLive: boolean) => void,
): void {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const stateHandler = useRef(onState);
  stateHandler.current = onState;
  useEffect(
    () =>
      subscribe({
        onMessage: (message) => handler.current(message),
        onState: (live) => stateHandler.current?.(live),
      }),
    [],
  );
}

/** Accepts the events about one object (an incident: `incidentId`, or its own `id`). */
export function isAbout(id: string): (message: RealtimeMessage) => boolean {
  return (message) => message.data.incidentId === id || message.data.id === id;
}

/** Accepts every event of one server module (`incident` for `incident.opened`, ...). */
export function isFromModule(moduleName: string): (message: RealtimeMessage) => boolean {
  return (message) => message.type.split('.')[0] === moduleName;
}
