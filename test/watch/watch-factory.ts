import { findNetworkById } from '../../server/modules/identity/index.ts';
import { encryptSiteDetails } from '../../server/modules/watch/sites/site-fields.ts';
import type { WatchSitesTable } from '../../server/modules/watch/index.ts';
import { occurrencesBetween } from '../../server/modules/watch/shifts/recurrence.ts';
import type { WatchShiftsTable, WatchSignupsTable } from '../../server/modules/watch/index.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import type { FactoryContext } from '../support/factories.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** A watch site written as the service writes it (details encrypted). */
export async function buildWatchSite(
  context: FactoryContext,
  options: { networkId: string; areaId: string; createdBy: string; name?: string },
): Promise<WatchSitesTable> {
  const now = context.clock.now();
  const row: WatchSitesTable = {
    id: newId(),
    network_id: options.networkId,
    area_id: options.areaId,
    kind: 'courthouse',
    name: options.name ?? 'Immigration Court',
    details_enc: encryptSiteDetails(context.crypto, {
      address: '525 W Van Buren St',
      openingHours: 'Mon–Fri 8:00–16:00',
      entryRules: 'Photo ID; no phones in courtrooms',
      safetyNotes: 'Document, never obstruct',
      rallyPoint: 'Corner café',
    }),
    created_by: options.createdBy,
    created_at: now,
    updated_at: now,
  };
  await context.database.db.insertInto('watch_sites').values(row).execute();
  return row;
}

/** A daily shift at the site (09:00 local, 4 hours), with the start of its next occurrence. */
export async function buildWatchShift(
  context: FactoryContext,
  options: { site: WatchSitesTable; createdBy: string; minVolunteers?: number; targetVolunteers?: number },
): Promise<WatchShiftsTable & { nextStartsAt: number }> {
  const now = context.clock.now();
  const network = await findNetworkById(context.database.db, options.site.network_id);
  const row: WatchShiftsTable = {
    id: newId(),
    network_id: options.site.network_id,
    site_id: options.site.id,
    starts_on: new Date(now - 2 * dayMs).toISOString().slice(0, 10),
    start_minute: 9 * 60,
    duration_minutes: 240,
    recurrence_rule: 'FREQ=DAILY',
    skipped_dates: '',
    min_volunteers: options.minVolunteers ?? 2,
    target_volunteers: options.targetVolunteers ?? 3,
    offered_roles: 'observer,lead',
    created_by: options.createdBy,
    created_at: now,
  };
  await context.database.db.insertInto('watch_shifts').values(row).execute();
  const [next] = occurrencesBetween(
    {
      startsOn: row.starts_on,
      startMinute: row.start_minute,
      durationMinutes: row.duration_minutes,
      recurrenceRule: row.recurrence_rule,
      skippedDates: [],
    },
    network?.timezone ?? 'UTC',
    now,
    now + 3 * dayMs,
  );
  if (!next) throw new Error('a daily shift has an occurrence within three days');
  return { ...row, nextStartsAt: next.startsAt };
}

/** A confirmed sign-up of `memberId` for the shift's next occurrence. */
export async function buildWatchSignup(
  context: FactoryContext,
  options: { shift: WatchShiftsTable & { nextStartsAt: number }; memberId: string },
): Promise<WatchSignupsTable> {
  const row: WatchSignupsTable = {
    id: newId(),
    network_id: options.shift.network_id,
    shift_id: options.shift.id,
    starts_at: options.shift.nextStartsAt,
    ends_at: options.shift.nextStartsAt + options.shift.duration_minutes * 60_000,
    member_id: options.memberId,
    role: 'observer',
    status: 'confirmed',
    created_at: context.clock.now(),
    checked_in_at: null,
    checked_out_at: null,
  };
  await context.database.db.insertInto('watch_signups').values(row).execute();
  return row;
}
