import { createHash } from 'node:crypto';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newSecretToken } from '../../../platform/ids/ids.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  findMemberHoldingRole,
  findMemberLanguagesJson,
  recordAudit,
  requireSameNetwork,
} from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { findShiftsByIds, findSignup, listSignupsOfMember } from '../shifts/shift.repository.ts';
import type { WatchSignupsTable } from '../shifts/shift.tables.ts';
import { listSites } from '../sites/site.repository.ts';
import type { WatchDeps } from '../sites/site.service.ts';
import { requireWatchReader, watchVolunteerRoles } from '../sites/watch.policy.ts';
import type { CalendarFeedCreated, CalendarFeedState } from './calendar.contract.ts';
import { deleteFeed, findFeedByHash, findFeedOfMember, replaceFeed } from './calendar.repository.ts';
import { renderCalendar } from './icalendar.ts';
import type { CalendarEvent } from './icalendar.ts';

export interface CalendarDeps extends WatchDeps {
  publicUrl: string;
}

const dayMs = 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function getCalendarFeed(deps: CalendarDeps, principal: Principal): Promise<CalendarFeedState> {
  requireWatchReader(principal);
  const feed = await findFeedOfMember(deps.db, principal.memberId);
  return { isActive: feed !== undefined, createdAt: feed?.created_at ?? null };
}

/** A new private feed URL for the member (an older one stops working). The token is not kept. */
export async function createCalendarFeed(
  deps: CalendarDeps,
  principal: Principal,
): Promise<CalendarFeedCreated> {
  requireWatchReader(principal);
  const token = newSecretToken();
  await inTransaction(deps, async (uow) => {
    await replaceFeed(uow.trx, {
      member_id: principal.memberId,
      network_id: principal.networkId,
      token_hash: hashToken(token),
      created_at: deps.clock.now(),
    });
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'watch.calendarFeedCreated',
      objectType: 'member',
      objectId: principal.memberId,
    });
  });
  return { url: `${deps.publicUrl}/watch/calendar/${token}.ics` };
}

export async function revokeCalendarFeed(deps: CalendarDeps, principal: Principal): Promise<void> {
  requireWatchReader(principal);
  await inTransaction(deps, async (uow) => {
    if ((await deleteFeed(uow.trx, principal.memberId)) === 0) return;
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'watch.calendarFeedRevoked',
      objectType: 'member',
      objectId: principal.memberId,
    });
  });
}

async function eventsOf(
  deps: CalendarDeps,
  networkId: string,
  language: string,
  signups: readonly WatchSignupsTable[],
): Promise<CalendarEvent[]> {
  const shifts = new Map(
    (
      await findShiftsByIds(
        deps.db,
        signups.map((signup) => signup.shift_id),
      )
    ).map((row) => [row.id, row]),
  );
  const sites = new Map((await listSites(deps.db, networkId, 'all')).map((site) => [site.id, site.name]));
  return signups.map((signup) => {
    const site = sites.get(shifts.get(signup.shift_id)?.site_id ?? '') ?? '';
    const role = t(language, `watch.role.${signup.role}`);
    const isTentative = signup.status === 'waitlisted';
    return {
      uid: `${signup.id}@amparo`,
      startsAt: signup.starts_at,
      endsAt: signup.ends_at,
      summary: t(language, 'watch.eventSummary', { site, role }),
      description: [isTentative ? t(language, 'watch.waitlisted') : '', t(language, 'watch.details')]
        .filter(Boolean)
        .join(' '),
      isTentative,
      url: `${deps.publicUrl}/app/#/watch`,
    };
  });
}

async function languageOf(deps: CalendarDeps, memberId: string): Promise<string> {
  const languages = JSON.parse((await findMemberLanguagesJson(deps.db, memberId)) ?? '[]') as string[];
  return languages[0] ?? 'en';
}

/**
 * The feed behind a private URL: the member's shifts from 30 days ago to 60 days ahead. An
 * unknown or revoked token, or a member no longer active in a watch role, is NOT_FOUND.
 */
export async function renderCalendarFeed(deps: CalendarDeps, token: string): Promise<string> {
  const feed = await findFeedByHash(deps.db, hashToken(token));
  if (!feed) throw new AppError('NOT_FOUND', 'Not found.');
  const holdings = await Promise.all(
    watchVolunteerRoles.map((role) =>
      findMemberHoldingRole(deps.db, { networkId: feed.network_id, memberId: feed.member_id, role }),
    ),
  );
  if (!holdings.some((member) => member?.status === 'active')) throw new AppError('NOT_FOUND', 'Not found.');
  const now = deps.clock.now();
  const signups = await listSignupsOfMember(deps.db, {
    memberId: feed.member_id,
    from: now - 30 * dayMs,
    to: now + 60 * dayMs,
  });
  const language = await languageOf(deps, feed.member_id);
  const events = await eventsOf(deps, feed.network_id, language, signups);
  return renderCalendar({ name: t(language, 'watch.calendarName'), now, events });
}

/** One sign-up as an .ics file, for the volunteer who holds it. */
export async function renderSignupEvent(
  deps: CalendarDeps,
  principal: Principal,
  signupId: string,
): Promise<string> {
  requireWatchReader(principal);
  const signup = await findSignup(deps.db, signupId);
  if (!signup || signup.member_id !== principal.memberId) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, signup.network_id);
  const language = await languageOf(deps, principal.memberId);
  const events = await eventsOf(deps, signup.network_id, language, [signup]);
  return renderCalendar({ name: t(language, 'watch.calendarName'), now: deps.clock.now(), events });
}
