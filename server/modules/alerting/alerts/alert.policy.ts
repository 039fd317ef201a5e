import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { hasRole, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { Role } from '../../identity/index.ts';
import { alertReaderRoles } from './alert.contract.ts';
import { findAlertById } from './alert.repository.ts';
import { parseList } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';

/** Who sees alerts and their delivery counts (no personal data in either). */
export const alertReaders: readonly Role[] = alertReaderRoles;
/** Who drafts alerts, corrections and update messages. */
export const alertDrafters: readonly Role[] = ['coordinator', 'dispatcher'];
/** Who approves (the second person), confirms overrides, and cancels. */
export const alertApprovers: readonly Role[] = ['coordinator'];
/** Who may pull the network-wide stop switch. */
export const stopSwitchRoles: readonly Role[] = ['admin', 'coordinator'];

/** An alert of the principal's network; another network's alert is simply not found. */
export async function requireAlertOfNetwork(
  deps: { db: Kysely<Database> },
  principal: Principal,
  alertId: string,
): Promise<AlertsTable> {
  const alert = await findAlertById(deps.db, alertId);
  if (!alert || alert.network_id !== principal.networkId)
    throw new AppError('ALERT_NOT_FOUND', 'Alert not found.');
  return alert;
}

/**
 * The principal holds one of `roles` for the alert's area: an unlimited grant, or a grant limited
 * to one of the network areas containing the alert's point. An alert outside every area needs an
 * unlimited grant.
 */
export function requireAreaCovered(
  principal: Principal,
  roles: readonly Role[],
  alert: Pick<AlertsTable, 'area_ids'>,
): void {
  requireRole(principal, roles);
  if (!hasRole(principal, roles, parseList(alert.area_ids))) {
    throw new AppError('ALERT_AREA_NOT_COVERED', 'Your role does not cover the area of this alert.');
  }
}
