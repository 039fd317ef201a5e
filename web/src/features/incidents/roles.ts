import { listOf } from '../../lib/list-of.ts';
import type { IncidentRole } from './api/types.ts';

/** Who works incidents (the server's incidentRoles). */
export const incidentRoles = listOf<IncidentRole>()(['dispatcher', 'coordinator']);

/** The incident page also opens for those who request or approve its evidence exports. */
export const incidentPageRoles = [...incidentRoles, 'advocate', 'admin'] as const;
