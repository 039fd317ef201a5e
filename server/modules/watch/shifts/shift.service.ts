import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { findNetworkById, recordAudit, requireSameNetwork } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { findSite } from '../sites/site.repository.ts';
import type { WatchDeps } from '../sites/site.service.ts';
import type { WatchSitesTable } from '../sites/site.tables.ts';
import { requireWatchManager } from '../sites/watch.policy.ts';
import { minuteOfTime, parseShiftRule } from './recurrence.ts';
import { createShiftSchema, skipDateSchema } from './shift.contract.ts';
import type { CreateShiftInput } from './shift.contract.ts';
import { findShift, insertShift, setSkippedDates } from './shift.repository.ts';
import { skippedDatesOf } from './shift-rows.ts';
import type { WatchShiftsTable } from './shift.tables.ts';

/** The network's IANA time zone: every shift's wall-clock times are in it. */
export async function networkTimeZone(deps: WatchDeps, networkId: string): Promise<string> {
  const network = await findNetworkById(deps.db, networkId);
  if (!network) throw new AppError('NOT_FOUND', 'Not found.');
  return network.timezone;
}

/** The site of the principal's network, or NOT_FOUND. */
export async function requireSiteOfNetwork(
  deps: WatchDeps,
  principal: Principal,
  siteId: string,
): Promise<WatchSitesTable> {
  const site = await findSite(deps.db, siteId);
  if (!site) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, site.network_id);
  return site;
}

/** The shift and its site, of the principal's network, or NOT_FOUND. */
export async function requireShiftOfNetwork(
  deps: WatchDeps,
  principal: Principal,
  shiftId: string,
): Promise<{ shift: WatchShiftsTable; site: WatchSitesTable }> {
  const shift = await findShift(deps.db, shiftId);
  if (!shift) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, shift.network_id);
  return { shift, site: await requireSiteOfNetwork(deps, principal, shift.site_id) };
}

/** A recurring watch shift at a site (coordinators of the site's area). */
export async function createWatchShift(deps: WatchDeps, principal: Principal, raw: CreateShiftInput) {
  const input = createShiftSchema.parse(raw);
  const site = await requireSiteOfNetwork(deps, principal, input.siteId);
  requireWatchManager(principal, site.area_id);
  if (!parseShiftRule(input.recurrenceRule)) {
    throw new AppError('WATCH_RULE_INVALID', 'This recurrence rule cannot be used for a shift.');
  }
  const id = newId();
  await inTransaction(deps, async (uow) => {
    await insertShift(uow.trx, {
      id,
      network_id: site.network_id,
      site_id: site.id,
      starts_on: input.startsOn,
      start_minute: minuteOfTime(input.start),
      duration_minutes: input.durationMinutes,
      recurrence_rule: input.recurrenceRule,
      skipped_dates: [...new Set(input.skippedDates)].sort().join(','),
      min_volunteers: input.minVolunteers,
      target_volunteers: input.targetVolunteers,
      offered_roles: input.roles.join(','),
      created_by: principal.memberId,
      created_at: deps.clock.now(),
    });
    await recordAudit(deps, uow.trx, {
      networkId: site.network_id,
      actorMemberId: principal.memberId,
      action: 'watch.shiftCreated',
      objectType: 'watchShift',
      objectId: id,
      metadata: { siteId: site.id, recurrenceRule: input.recurrenceRule },
    });
  });
  return { id };
}

/** Skips one local date of a shift (an RFC 5545 EXDATE): a holiday, a court closure. */
export async function skipWatchShiftDate(
  deps: WatchDeps,
  principal: Principal,
  shiftId: string,
  raw: { date: string },
): Promise<void> {
  const { date } = skipDateSchema.parse(raw);
  const { shift, site } = await requireShiftOfNetwork(deps, principal, shiftId);
  requireWatchManager(principal, site.area_id);
  const dates = new Set(skippedDatesOf(shift));
  if (dates.has(date)) return;
  if (dates.size >= 100) throw new AppError('VALIDATION_FAILED', 'Too many skipped dates.');
  dates.add(date);
  await inTransaction(deps, async (uow) => {
    await setSkippedDates(uow.trx, shift.id, [...dates].sort().join(','));
    await recordAudit(deps, uow.trx, {
      networkId: shift.network_id,
      actorMemberId: principal.memberId,
      action: 'watch.shiftDateSkipped',
      objectType: 'watchShift',
      objectId: shift.id,
      metadata: { date },
    });
  });
}
