import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { loadOperatorSession, signOutOperator } from '../api/operator.ts';
import type { OperatorSessionView } from '../api/types.ts';
import { OperatorNetworksPage } from './operator-networks-page.tsx';
import { OperatorSetupPage } from './operator-setup-page.tsx';
import { OperatorSignInPage } from './operator-sign-in-page.tsx';

/**
 * The deployment operator's screens under `#/operator` (ADR 0032): the setup link, sign-in, and
 * the networks. An operator is no member: none of the members' screens or APIs open for them.
 */
export function OperatorApp(props: { path: string[] }) {
  const [session, setSession] = useState<OperatorSessionView | null | undefined>(undefined);
  const reload = useCallback(async () => setSession(await loadOperatorSession().catch(() => null)), []);
  const setupToken = props.path[1] === 'setup' ? props.path[2] : undefined;
  useEffect(() => {
    if (!setupToken) void reload();
  }, [reload, setupToken]);

  if (setupToken) return <OperatorSetupPage token={setupToken} />;
  if (session === undefined) return <p>{t('app.loading')}</p>;
  if (session === null) return <OperatorSignInPage onSignedIn={() => void reload()} />;
  const signOut = async () => {
    await signOutOperator().catch(() => undefined);
    setSession(null);
  };
  return <OperatorNetworksPage onSignOut={() => void signOut()} />;
}
