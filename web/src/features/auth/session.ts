import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, SessionView } from './api/types.ts';

/** The signed-in member's session, provided by the app shell to every page. */
export const SessionContext = createContext<SessionView | null>(null);

export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function hasRole(session: SessionView, ...roles: readonly Role[]): boolean {
  return session.roles.some((grant) => roles.includes(grant.role));
}
