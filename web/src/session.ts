import { startAuthentication } from '@simplewebauthn/browser';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, get, post, setCsrfToken } from './api.ts';

export interface RoleGrant {
  role: string;
  areaId: string | null;
}

export interface Session {
  memberId: string;
  networkId: string;
  status: string;
  roles: RoleGrant[];
  hasSecondFactor: boolean;
  csrfToken: string;
  stepUpUntil: number | null;
}

/** The current session, or null when signed out. */
export async function loadSession(): Promise<Session | null> {
  try {
    const session = await get<Session>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function hasRole(session: Session, ...roles: string[]): boolean {
  return session.roles.some((grant) => roles.includes(grant.role));
}

/**
 * Signs in with a passkey: passwordless (any passkey this device holds for Amparo, with user
 * verification) or, with `pendingToken`, as the second step of a password sign-in.
 */
export async function signInWithPasskey(pendingToken?: string): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialRequestOptionsJSON>(
    '/api/auth/passkeys/authenticate/options',
    pendingToken ? { pendingToken } : {},
  );
  const response = await startAuthentication({ optionsJSON });
  await post(
    '/api/auth/passkeys/authenticate/verify',
    pendingToken ? { response, pendingToken } : { response },
  );
}

/** Ends every session of this member, this one included. */
export async function signOutEverywhere(): Promise<{ endedCount: number }> {
  try {
    return await post<{ endedCount: number }>('/api/auth/sign-out-everywhere');
  } finally {
    setCsrfToken('');
  }
}

export async function signOut(): Promise<void> {
  try {
    await post('/api/auth/sign-out');
  } finally {
    setCsrfToken('');
  }
}

/**
 * Quick exit for a responder whose phone may be taken: end the session, then remove everything
 * this origin stored on the device, and land on a page that says nothing about Amparo.
 */
export async function quickExit(): Promise<void> {
  await signOut().catch(() => undefined);
  try {
    localStorage.clear();
    sessionStorage.clear();
    if ('caches' in window) {
      for (const name of await caches.keys()) await caches.delete(name);
    }
    if ('serviceWorker' in navigator) {
      for (const registration of await navigator.serviceWorker.getRegistrations()) {
        await registration.unregister();
      }
    }
  } finally {
    // replace(): the app does not stay in the back history.
    window.location.replace('about:blank');
  }
}
