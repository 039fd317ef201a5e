import { post, remove } from '../../../lib/api.ts';
import type { TotpEnrollment } from './types.ts';

export function startTotpEnrollment(): Promise<TotpEnrollment> {
  return post<TotpEnrollment>('/api/auth/totp/enroll');
}

export async function confirmTotp(code: string): Promise<void> {
  await post('/api/auth/totp/confirm', { code });
}

export async function removeTotp(): Promise<void> {
  await remove('/api/auth/totp');
}
