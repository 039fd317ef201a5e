import type { PresentedAlert } from './api/types.ts';

/** Live: approved, not cancelled, not replaced by a correction, and not itself a cancellation. */
export function isLive(alert: PresentedAlert): boolean {
  return (
    alert.state === 'approved' &&
    alert.kind !== 'cancellation' &&
    alert.cancelledAt === null &&
    alert.supersededAt === null
  );
}
