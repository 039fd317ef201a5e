import { relativeTime, t } from '../../../lib/i18n.ts';
import type { NetworkHealth } from '../api/types.ts';
import { SuspensionControl } from './suspension-control.tsx';

/** Each network's health in counts: never a name of a person, a report or an alert's text. */
export function NetworkHealthTable(props: { networks: NetworkHealth[]; onChanged: () => Promise<void> }) {
  return (
    <table class="admin-table" id="network-health">
      <caption>{t('operator.healthCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('operator.network')}</th>
          <th scope="col">{t('operator.state')}</th>
          <th scope="col">{t('operator.members')}</th>
          <th scope="col">{t('operator.openIncidents')}</th>
          <th scope="col">{t('operator.lastReport')}</th>
          <th scope="col">{t('operator.queuedDeliveries')}</th>
          <th scope="col">{t('operator.stopSwitch')}</th>
          <th scope="col">{t('operator.action')}</th>
        </tr>
      </thead>
      <tbody>
        {props.networks.map((network) => (
          <tr
            key={network.id}
            id={`network-${network.slug}`}
            data-suspended={String(network.suspendedAt !== null)}
          >
            <th scope="row">
              {network.name} <span class="hint">/{network.slug}</span>
            </th>
            <td class="network-state">
              <strong>{t(network.suspendedAt === null ? 'operator.inService' : 'operator.suspended')}</strong>
            </td>
            <td class="network-members">{network.members}</td>
            <td>{network.openIncidents}</td>
            <td>
              {network.lastReportAt === null ? t('operator.never') : relativeTime(network.lastReportAt)}
            </td>
            <td>{network.queuedDeliveries}</td>
            <td>{t(network.isStopSwitchOn ? 'operator.stopOn' : 'operator.stopOff')}</td>
            <td>
              <SuspensionControl network={network} onChanged={props.onChanged} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
