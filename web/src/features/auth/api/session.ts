import { startAuthentication } from '@simplewebauthn/browser';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, get, post, setCsrfToken } from '../../../lib/api.ts';
import type { SessionView, SignedOutEverywhere, SignInAnswer } from './types.ts';

/** The current session, or null when signed out. */
export async function loadSession(): Promise<SessionView | null> {
  try {
    const session = await get<SessionView>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function signInWithPassword(email: string, password: string): Promise<SignInAnswer> {
  return post<SignInAnswer>('/api/auth/sign-in', { email, password });
}

export async function signInWithCode(pendingToken: string, code: string): Promise<void> {
  await post('/api/auth/sign-in/totp', { pendingToken, code });
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
export async function signOutEverywhere(): Promise<SignedOutEverywhere> {
  try {
    return await post<SignedOutEverywhere>('/api/auth/sign-out-everywhere');
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
