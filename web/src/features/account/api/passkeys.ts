import { startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { get, patch, post, remove } from '../../../lib/api.ts';
import type { PasskeyList, PasskeyView } from './types.ts';

export async function listPasskeys(): Promise<PasskeyView[]> {
  return (await get<PasskeyList>('/api/auth/passkeys')).passkeys;
}

/** Creates a passkey on this device (the browser asks) and registers it under `name`. */
export async function registerPasskey(name: string): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialCreationOptionsJSON>(
    '/api/auth/passkeys/register/options',
  );
  const response = await startRegistration({ optionsJSON });
  await post('/api/auth/passkeys/register/verify', { response, name });
}

export async function renamePasskey(passkeyId: string, name: string): Promise<void> {
  await patch(`/api/auth/passkeys/${encodeURIComponent(passkeyId)}`, { name });
}

export async function removePasskey(passkeyId: string): Promise<void> {
  await remove(`/api/auth/passkeys/${encodeURIComponent(passkeyId)}`);
}
