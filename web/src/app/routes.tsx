import type { ComponentType } from 'preact';
import { AccountSecurityPage } from '../features/account/pages/account-security-page.tsx';
import { SessionsPage } from '../features/account/pages/sessions-page.tsx';
import { AreasPage } from '../features/admin/pages/areas-page.tsx';
import { AuditPage } from '../features/admin/pages/audit-page.tsx';
import { NetworkSettingsPage } from '../features/admin/pages/network-settings-page.tsx';
import { ProposalPage } from '../features/admin/pages/proposal-page.tsx';
import { TemplatesPage } from '../features/admin/pages/templates-page.tsx';
import { AlertListPage } from '../features/alerts/pages/alert-list-page.tsx';
import { AlertPage } from '../features/alerts/pages/alert-page.tsx';
import type { MemberManagerRole, Role, SessionView } from '../features/auth/api/types.ts';
import { hasRole } from '../features/auth/session.ts';
import { FlaggedReportsPage } from '../features/crisis/pages/flagged-reports-page.tsx';
import { CrisisPage } from '../features/crisis/pages/crisis-page.tsx';
import { crisisRoles } from '../features/crisis/roles.ts';
import { ResponderPage } from '../features/dispatch/pages/responder-page.tsx';
import { PageAckPage } from '../features/rota/pages/page-ack-page.tsx';
import { RotaPage } from '../features/rota/pages/rota-page.tsx';
import { IncidentPage } from '../features/incidents/pages/incident-page.tsx';
import { OperatorEntryPage } from '../features/incidents/pages/operator-entry-page.tsx';
import { QueuePage } from '../features/incidents/pages/queue-page.tsx';
import { InvitationsPage } from '../features/members/pages/invitations-page.tsx';
import { MembersPage } from '../features/members/pages/members-page.tsx';
import { RecoveryApprovalPage } from '../features/members/pages/recovery-approval-page.tsx';
import { incidentPageRoles, incidentRoles } from '../features/incidents/roles.ts';
import { alertReaderRoles } from '../features/alerts/roles.ts';
import { listOf } from '../lib/list-of.ts';
import { PlacesPage } from '../features/places/pages/places-page.tsx';
import { WatchCoveragePage } from '../features/watch/pages/watch-coverage-page.tsx';
import { WatchSchedulePage } from '../features/watch/pages/watch-schedule-page.tsx';
import { WatchSitesPage } from '../features/watch/pages/watch-sites-page.tsx';

export type RouteParams = Record<string, string>;

export interface Route {
  /** A hash path; `:name` parts are passed to the page as `params.name`. */
  path: string;
  page: ComponentType<{ params: RouteParams }>;
  /** Who may open it (any signed-in member when absent); the server checks again on every call. */
  roles?: readonly Role[];
  /** The top bar's link label, for the routes listed there (in this order). */
  nav?: string;
}

/** Who manages members (the server's memberManagerRoles). */
const memberManagers = listOf<MemberManagerRole>()(['coordinator', 'admin']);

/** Who stands watch (the server's watchVolunteerRoles). */
const watchVolunteers: readonly Role[] = ['coordinator', 'dispatcher', 'responder', 'advocate'];

/** Every screen of the app. Hash routes (`#/incident/<id>`): the server knows none of them. */
export const routes: readonly Route[] = [
  { path: '/queue', page: QueuePage, roles: incidentRoles, nav: 'nav.queue' },
  { path: '/entry', page: OperatorEntryPage, roles: incidentRoles, nav: 'nav.entry' },
  { path: '/alerts', page: AlertListPage, roles: alertReaderRoles, nav: 'nav.alerts' },
  { path: '/crisis', page: CrisisPage, roles: crisisRoles, nav: 'nav.crisis' },
  { path: '/flagged', page: FlaggedReportsPage, roles: ['coordinator'], nav: 'nav.flagged' },
  { path: '/responder', page: ResponderPage, roles: ['responder'], nav: 'nav.responder' },
  { path: '/rota', page: RotaPage, roles: ['coordinator', 'dispatcher', 'responder'], nav: 'nav.rota' },
  { path: '/members', page: MembersPage, roles: memberManagers, nav: 'nav.members' },
  { path: '/invitations', page: InvitationsPage, roles: memberManagers, nav: 'nav.invitations' },
  { path: '/account', page: AccountSecurityPage, nav: 'nav.account' },
  { path: '/admin/areas', page: AreasPage, roles: ['admin'], nav: 'nav.adminAreas' },
  { path: '/admin/templates', page: TemplatesPage, roles: memberManagers, nav: 'nav.adminTemplates' },
  { path: '/admin/network', page: NetworkSettingsPage, roles: ['admin'], nav: 'nav.adminNetwork' },
  { path: '/admin/audit', page: AuditPage, roles: ['admin'], nav: 'nav.adminAudit' },
  { path: '/incident/:incidentId', page: IncidentPage, roles: incidentPageRoles },
  { path: '/page/:pageId', page: PageAckPage, roles: incidentRoles },
  { path: '/alerts/:alertId', page: AlertPage, roles: alertReaderRoles },
  { path: '/admin/templates/proposals/:proposalId', page: ProposalPage, roles: memberManagers },
  { path: '/sessions', page: SessionsPage },
  { path: '/recovery/:memberId/:linkId', page: RecoveryApprovalPage, roles: memberManagers },
  { path: '/admin/places', page: PlacesPage, roles: ['admin'], nav: 'nav.adminPlaces' },
  { path: '/watch', page: WatchSchedulePage, roles: watchVolunteers, nav: 'nav.watch' },
  { path: '/watch/sites', page: WatchSitesPage, roles: watchVolunteers, nav: 'nav.watchSites' },
  { path: '/watch/coverage', page: WatchCoveragePage, roles: ['coordinator'], nav: 'nav.watchCoverage' },
];

/** Where a member lands: the first of these screens their roles open. */
const homePaths = ['/queue', '/responder', '/members', '/alerts', '/account'];

export function mayOpen(session: SessionView, route: Route): boolean {
  return route.roles === undefined || hasRole(session, ...route.roles);
}

export function homeOf(session: SessionView): Route {
  const allowed = homePaths
    .map((path) => routes.find((route) => route.path === path))
    .find((route) => route !== undefined && mayOpen(session, route));
  return allowed ?? routes.find((route) => route.path === '/account')!;
}

/** The route a hash path names, with its parameters; null for a path no route has. */
export function matchRoute(parts: readonly string[]): { route: Route; params: RouteParams } | null {
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: RouteParams = {};
    const isMatch = pattern.every((part, index) => {
      const value = parts[index]!;
      const isParameter = part[0] === ':';
      if (isParameter) params[part.slice(1)] = decodeURIComponent(value);
      return isParameter || part === value;
    });
    if (isMatch) return { route, params };
  }
  return null;
}

/** The top bar's links to the screens this member may open. */
export function navigationOf(session: SessionView): { href: string; key: string }[] {
  return routes
    .filter((route) => route.nav !== undefined && mayOpen(session, route))
    .map((route) => ({ href: `#${route.path}`, key: route.nav! }));
}
