import { startAuthentication } from '@simplewebauthn/browser';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { PasskeyList } from '../../../../server/modules/identity/auth/auth.contract.ts';
import { ApiError, get, post } from '../api.ts';

/** True when the server refused an action until the member proves a second factor again. */
export function isStepUpRequired(caught: unknown): boolean {
  return caught instanceof ApiError && caught.code === 'STEP_UP_REQUIRED';
}

/** A fresh passkey assertion for this session (opens the step-up window on the server). */
export async function stepUpWithPasskey(): Promise<void> {
  const optionsJSON = await post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/step-up/options');
  const response = await startAuthentication({ optionsJSON });
  await post('/api/auth/step-up', { response });
}

export async function stepUpWithCode(code: string): Promise<void> {
  await post('/api/auth/step-up', { code });
}

/** Whether the member has a passkey to offer in the dialog (the list itself is the account's). */
export async function hasPasskeys(): Promise<boolean> {
  const list = await get<PasskeyList>('/api/auth/passkeys');
  return list.passkeys.length > 0;
}
