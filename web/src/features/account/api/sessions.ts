import { get } from '../../../lib/api.ts';
import type { LiveSession, LiveSessionList } from './types.ts';

export async function listSessions(): Promise<LiveSession[]> {
  return (await get<LiveSessionList>('/api/auth/sessions')).sessions;
}
