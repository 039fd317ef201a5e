import { get } from '../../../lib/api.ts';
import type { SessionRow } from './types.ts';

export async function listSessions(): Promise<SessionRow[]> {
  return (await get<{ sessions: SessionRow[] }>('/api/auth/sessions')).sessions;
}
