import { useEffect, useState } from 'preact/hooks';
import { useResource } from '../../../lib/resource.ts';
import { loadSession } from '../../auth/api/session.ts';
import { listPasskeys } from '../api/passkeys.ts';
import type { TotpState } from '../components/totp-section.tsx';

/**
 * The member's factors, fresh from the server: whether any second factor exists (the session) and
 * the passkeys. The API does not say whether an authenticator app is set up; it is known by
 * elimination, or from what the member just did (`setTotpState`).
 */
export function useAccountFactors() {
  const factors = useResource(async () => {
    const [session, passkeys] = await Promise.all([loadSession(), listPasskeys()]);
    return { session, passkeys };
  }, []);
  const [totpState, setTotpState] = useState<TotpState>('unknown');
  useEffect(() => {
    const loaded = factors.data;
    if (!loaded?.session) return;
    if (!loaded.session.hasSecondFactor) setTotpState('none');
    else if (loaded.passkeys.length === 0) setTotpState('enrolled');
  }, [factors.data]);
  return { factors, totpState, setTotpState };
}
