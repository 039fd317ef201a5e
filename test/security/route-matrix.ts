/**
 * ┌──────────────────────────────────────────────────────────────────────────────────────────┐
 * │ EVERY HTTP ROUTE NEEDS A ROW HERE. Module authors: when you add, rename or remove a route,  │
 * │ add, change or remove its row in test/security/rows/<module>.rows.ts in the same change. │
 * └──────────────────────────────────────────────────────────────────────────────────────────┘
 *
 * test/security/authorization-matrix.int.test.ts collects every route the app registers and
 * fails when a route has no row, or a row names a route that no longer exists. It then calls each
 * non-public route as: every role (active, second factor enrolled, fresh step-up), a probationary
 * member holding every role, a member of ANOTHER network holding every role, and signed out. An
 * allowed caller must not get 401/403/404; everyone else must get one of them (signed out: 401).
 *
 * A row:
 * - `method`, `url`: exactly as registered (`/api/members/:memberId`, not a concrete id).
 * - `public: true`: needs no session (pages, sign-in, capability links such as /join/:token).
 *   Say why in `note`.
 * - `allow`: roles that may call it, or 'any-active' (every active member, whatever their role),
 *   or 'any-member' (probationary members too).
 * - `request(fixture, caller)`: path params, query and body for a call against NETWORK A's objects
 *   (called once per caller; use `fixture.fresh.*` when the call changes or consumes its object;
 *   `caller.member` is who calls, or null signed out). Give a valid body: an allowed caller must
 *   reach the service, not fail validation.
 * - `scope`: 'object' (default when the url has params) — the route acts on the object named in
 *   the request, so the other network's member must be denied; 'own-network' — the route acts on
 *   the caller's own network (lists, creation), so the other network's member is allowed but their
 *   response must not contain any id of network A.
 * - `stream: true`: the response never ends (server-sent events); allowed calls are made over real
 *   HTTP and judged by the status line.
 * - `freshCaller: true`: the call changes the caller's own account or sessions (sign out
 *   everywhere, remove a second factor): each caller is replaced by a new twin (same network,
 *   roles, status and second factor) so the rows after it keep their callers intact.
 */
import type { Role } from '../../server/modules/identity/members/index.ts';
import type { Caller, MatrixFixture } from './matrix-fixture.ts';
import { platformRows } from './rows/platform.rows.ts';
import { membersRows } from './rows/members.rows.ts';
import { authRows } from './rows/auth.rows.ts';
import { networksRows } from './rows/networks.rows.ts';
import { intakeRows } from './rows/intake.rows.ts';
import { hotlineRows } from './rows/hotline.rows.ts';
import { alertsRows } from './rows/alerts.rows.ts';
import { dispatchRows } from './rows/dispatch.rows.ts';
import { rotaRows } from './rows/rota.rows.ts';
import { watchRows } from './rows/watch.rows.ts';
import { operatorRows } from './rows/operator.rows.ts';
import { voiceRows } from './rows/voice.rows.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MatrixRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface RouteRow {
  method: HttpMethod;
  url: string;
  public?: true;
  allow?: readonly Role[] | 'any-active' | 'any-member';
  request?: (fixture: MatrixFixture, caller: Caller) => MatrixRequest | Promise<MatrixRequest>;
  scope?: 'object' | 'own-network';
  stream?: true;
  freshCaller?: true;
  note?: string;
}

/** Every route's row, one file per module under test/security/rows/. */
export const routeMatrix: RouteRow[] = [
  ...platformRows,
  ...membersRows,
  ...authRows,
  ...networksRows,
  ...intakeRows,
  ...hotlineRows,
  ...alertsRows,
  ...dispatchRows,
  ...rotaRows,
  ...watchRows,
  ...operatorRows,
  ...voiceRows,
];
