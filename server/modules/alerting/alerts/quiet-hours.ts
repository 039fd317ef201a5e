/**
 * Quiet hours in the network's time zone: updates and all-clears wait until morning; urgent
 * alerts never wait. 22:00 to 07:00, the usual span of "do not disturb" defaults.
 */
export const quietHours = { startHour: 22, endHour: 7 } as const;

function localParts(
  epochMs: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}

/** Offset of the zone from UTC at that instant, in ms (local = utc + offset). */
function offsetAt(epochMs: number, timeZone: string): number {
  const local = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

export function isQuietTime(epochMs: number, timeZone: string): boolean {
  const { hour } = localParts(epochMs, timeZone);
  return hour >= quietHours.startHour || hour < quietHours.endHour;
}

/**
 * When a message may go out: now for urgent alerts and outside quiet hours, otherwise the next
 * 07:00 in the network's zone (correct across daylight-saving changes).
 */
export function deliveryTimeFor(now: number, timeZone: string, urgency: 'urgent' | 'update'): number {
  if (urgency === 'urgent' || !isQuietTime(now, timeZone)) return now;
  const local = localParts(now, timeZone);
  const dayOffset = local.hour >= quietHours.startHour ? 1 : 0;
  const targetLocal = Date.UTC(local.year, local.month - 1, local.day + dayOffset, quietHours.endHour, 0, 0);
  // Solve local(target) = 07:00: start from today's offset and correct once for a DST change.
  let target = targetLocal - offsetAt(now, timeZone);
  target = targetLocal - offsetAt(target, timeZone);
  return Math.max(now, target);
}
