import { startAuthentication } from '@simplewebauthn/browser';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { PasskeyList } from '../../../../server/modules/identity/auth/auth.contract.ts';
import { ApiError, get, post } from '../api.ts';

/**
 * What the server asks before it does an action: any fresh second factor, a fresh passkey (approving
 * and administering, ADR 0026), or first registering a passkey. Null for any other answer.
 */
export type StepUpDemand = 'any' | 'passkey' | 'register-passkey';

export function stepUpDemandOf(caught: unknown): StepUpDemand | null {
  if (!(caught instanceof ApiError)) return null;
  if (caught.code === 'STEP_UP_REQUIRED') return 'any';
  if (caught.code === 'PASSKEY_STEP_UP_REQUIRED') return 'passkey';
  if (caught.code === 'PASSKEY_REQUIRED') return 'register-passkey';
  return null;
}

/** True when the server refused an action until the member proves a second factor again. */
export function isStepUpRequired(caught: unknown): boolean {
  return stepUpDemandOf(caught) !== null;
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
