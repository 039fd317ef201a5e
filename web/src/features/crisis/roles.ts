import type { Role } from '../auth/api/types.ts';

/** Who sets the stop switch (the server's stopSwitchRoles); the server checks again. */
export const stopSwitchRoles: readonly Role[] = ['admin', 'coordinator'];
/** Who switches flood mode (the server's floodModeRoles, for the whole network). */
export const floodModeRoles: readonly Role[] = ['dispatcher', 'coordinator'];
/** Who marks subscribers as exercise recipients (the server's check in exercise-recipient.service). */
export const exerciseRecipientRoles: readonly Role[] = ['admin', 'coordinator'];
/** Who opens the crisis controls: whoever may read one of them. */
export const crisisRoles: readonly Role[] = ['admin', 'coordinator', 'dispatcher'];
