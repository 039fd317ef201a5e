import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './api/types.ts';

/** The signed-in member's session, provided by the app shell to every page. */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function hasRole(session: Session, ...roles: readonly string[]): boolean {
  return session.roles.some((grant) => roles.includes(grant.role));
}
