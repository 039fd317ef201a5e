import { listOf } from '../../lib/list-of.ts';
import type { IncidentStatus, ReportCategory } from './api/types.ts';

/** The incident statuses, in the order the incident page offers them. */
export const incidentStatuses = listOf<IncidentStatus>()([
  'new',
  'verifying',
  'confirmed',
  'unconfirmed',
  'false_alarm',
  'closed',
]);

/** Report categories, in the order the operator's form lists them. */
export const reportCategories = listOf<ReportCategory>()([
  'home',
  'workplace',
  'street_stop',
  'checkpoint',
  'courthouse',
  'transport',
  'other',
]);
