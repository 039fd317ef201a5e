/** Who works incidents (server/modules/incidents/incident.events.ts incidentRoles). */
export const incidentRoles = ['dispatcher', 'coordinator'] as const;

/** The incident page also opens for those who request or approve its evidence exports. */
export const incidentPageRoles = [...incidentRoles, 'advocate', 'admin'] as const;
