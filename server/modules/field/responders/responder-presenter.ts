import { onCallSourceAt, parseWindows } from './responder-availability.ts';
import type { ResponderProfileRow, TrainingRow } from './responder.repository.ts';
import type { PresentedAvailability, PresentedTraining } from './responder.contract.ts';

export type { PresentedAvailability, PresentedTraining } from './responder.contract.ts';

type AvailabilityColumn =
  | 'is_on_call'
  | 'on_call_windows'
  | 'location_lat'
  | 'location_lon'
  | 'location_updated_at'
  | 'location_expires_at';

/** A profile row, or the profile columns of a left join (null when the responder has none yet). */
export type AvailabilityColumns = { [K in AvailabilityColumn]: ResponderProfileRow[K] | null };

/** Availability as of `now`: an expired location is shown as none even before the purge runs. */
export function presentAvailability(
  profile: AvailabilityColumns | undefined,
  timeZone: string,
  now: number,
): PresentedAvailability {
  const isOnCall = profile?.is_on_call === 1;
  const windows = parseWindows(profile?.on_call_windows ?? '[]');
  const onCallSource = onCallSourceAt({ isOnCall, windows }, timeZone, now);
  return {
    isOnCall,
    windows,
    isOnCallNow: onCallSource !== null,
    onCallSource,
    location: currentLocation(profile, now),
  };
}

function currentLocation(
  profile: AvailabilityColumns | undefined,
  now: number,
): PresentedAvailability['location'] {
  if (!profile) return null;
  const { location_lat: lat, location_lon: lon, location_expires_at: expiresAt } = profile;
  if (lat === null || lon === null || expiresAt === null || expiresAt <= now) return null;
  return { lat, lon, updatedAt: profile.location_updated_at ?? now, expiresAt };
}

export function presentTrainings(rows: readonly TrainingRow[]): PresentedTraining[] {
  return rows.map((row) => ({ kind: row.kind, completedOn: row.completed_on, expiresOn: row.expires_on }));
}

export function parseLanguages(stored: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((value): value is string => typeof value === 'string') : [];
  } catch {
    return [];
  }
}
