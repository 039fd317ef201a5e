import { useEffect, useRef } from 'preact/hooks';

/** Event types the console listens for; each one means "refetch what you show". */
export const realtimeEventTypes = [
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
  'resync',
  'ready',
] as const;

export interface RealtimeMessage {
  type: string;
  data: Record<string, unknown>;
}

/**
 * One EventSource on /api/realtime for the signed-in member. The browser reconnects by itself; the
 * server sends `resync` when it dropped events, and `ready` on each (re)connect, so both refetch.
 */
export function useRealtime(
  onMessage: (message: RealtimeMessage) => void,
  onState?: (isLive: boolean) => void,
) {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const stateHandler = useRef(onState);
  stateHandler.current = onState;
  useEffect(() => {
    const source = new EventSource('/api/realtime', { withCredentials: true });
    const listener = (event: MessageEvent<string>) => {
      // The stream sends `{ type, data, occurredAt }`; `data` holds ids, states and times only.
      let data: Record<string, unknown>;
      try {
        const envelope = JSON.parse(event.data) as { data?: Record<string, unknown> } | null;
        data = envelope?.data ?? {};
      } catch {
        data = {};
      }
      handler.current({ type: event.type, data });
    };
    for (const type of realtimeEventTypes) source.addEventListener(type, listener);
    source.onopen = () => stateHandler.current?.(true);
    source.onerror = () => stateHandler.current?.(false);
    return () => source.close();
  }, []);
}
