import { ApiError, get, post, setCsrfToken } from '../../../lib/api.ts';
import type {
  CreatedOperatorNetwork,
  NetworkSuspension,
  OperatorNetworkInput,
  OperatorNetworkList,
  OperatorSessionView,
  OperatorSetupView,
} from './types.ts';

export function getOperatorSetup(token: string): Promise<OperatorSetupView> {
  return get<OperatorSetupView>(`/api/operator/setup/${encodeURIComponent(token)}`);
}

export async function completeOperatorSetup(token: string, password: string, code: string): Promise<void> {
  await post(`/api/operator/setup/${encodeURIComponent(token)}`, { password, code });
}

/** The operator's session, or null when signed out (or signed in as a member). */
export async function loadOperatorSession(): Promise<OperatorSessionView | null> {
  try {
    const session = await get<OperatorSessionView>('/api/operator/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export async function signInOperator(email: string, password: string, code: string): Promise<void> {
  const session = await post<OperatorSessionView>('/api/operator/sign-in', { email, password, code });
  setCsrfToken(session.csrfToken);
}

export async function signOutOperator(): Promise<void> {
  try {
    await post('/api/operator/sign-out');
  } finally {
    setCsrfToken('');
  }
}

export function listOperatorNetworks(): Promise<OperatorNetworkList> {
  return get<OperatorNetworkList>('/api/operator/networks');
}

export function createOperatorNetwork(input: OperatorNetworkInput): Promise<CreatedOperatorNetwork> {
  return post<CreatedOperatorNetwork>('/api/operator/networks', input);
}

export function setNetworkSuspended(
  networkId: string,
  isSuspended: boolean,
  code: string,
): Promise<NetworkSuspension> {
  const verb = isSuspended ? 'suspend' : 'resume';
  return post<NetworkSuspension>(`/api/operator/networks/${encodeURIComponent(networkId)}/${verb}`, { code });
}
