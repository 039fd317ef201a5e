/** Who reads alerts (server/modules/alerts/alert.policy.ts alertReaders). */
export const alertReaderRoles = ['admin', 'coordinator', 'dispatcher'] as const;
