import type { ThreadAlert } from './api/types.ts';

/** Live: approved, not cancelled, not replaced by a correction, and not itself a cancellation. */
export function isLive(alert: ThreadAlert): boolean {
  return (
    alert.state === 'approved' &&
    alert.kind !== 'cancellation' &&
    alert.cancelledAt === null &&
    alert.supersededAt === null
  );
}
