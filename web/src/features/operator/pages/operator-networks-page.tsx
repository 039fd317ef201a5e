import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { listOperatorNetworks } from '../api/operator.ts';
import { CreateNetworkForm } from '../components/create-network-form.tsx';
import { NetworkHealthTable } from '../components/network-health-table.tsx';

/** The operator's one screen: every network's health, a new network, suspend or resume one. */
export function OperatorNetworksPage(props: { onSignOut: () => void }) {
  const networks = useResource(listOperatorNetworks, []);
  return (
    <div class="operator">
      <section class="panel" aria-labelledby="operator-title" id="operator-networks">
        <h1 id="operator-title">{t('operator.title')}</h1>
        <p>{t('operator.intro')}</p>
        {networks.error ? (
          <ErrorText message={errorMessageOf(networks.error, 'operator.loadFailed')} />
        ) : null}
        {networks.data ? (
          <NetworkHealthTable networks={networks.data.networks} onChanged={networks.reload} />
        ) : (
          <p>{t('app.loading')}</p>
        )}
        <button type="button" class="button-secondary" id="operator-sign-out" onClick={props.onSignOut}>
          {t('operator.signOut')}
        </button>
      </section>
      <CreateNetworkForm onCreated={networks.reload} />
    </div>
  );
}
