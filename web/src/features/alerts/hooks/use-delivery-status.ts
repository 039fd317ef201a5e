import { useEffect } from 'preact/hooks';
import { useResource } from '../../../lib/resource.ts';
import { getDeliveryStatus } from '../api/alerts.ts';

/** How often the delivery panel refreshes while anything is still on its way. */
const refreshMs = 2_000;

/** An alert's delivery status, refreshed every two seconds until nothing is queued any more. */
export function useDeliveryStatus(alertId: string) {
  const status = useResource(() => getDeliveryStatus(alertId), [alertId]);
  const channels = status.data ? Object.values(status.data.channels) : [];
  const isMoving = channels.some((channel) => channel.queued + channel.sending + channel.uncertain > 0);
  useEffect(() => {
    if (status.data && !isMoving) return undefined;
    const timer = setInterval(() => void status.reload(), refreshMs);
    return () => clearInterval(timer);
  }, [isMoving, status.data === undefined, status.reload]);
  return status;
}
