import { listOf } from '../../lib/list-of.ts';
import type { AlertReaderRole } from './api/types.ts';

/** Who reads alerts: the server's alert readers, held to its contract. */
export const alertReaderRoles = listOf<AlertReaderRole>()(['admin', 'coordinator', 'dispatcher']);
