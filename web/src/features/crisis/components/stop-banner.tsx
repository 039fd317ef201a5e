import type { AlertList } from '../../../../../server/modules/alerting/alerts/alert.contract.ts';
import { formatTime, t } from '../../../lib/i18n.ts';

/**
 * What is stopped right now, said where alerts are approved: the network's switch and each area
 * switched off by hand, with who, when and why, and the way to the crisis controls.
 */
export function StopBanner(props: {
  stopSwitch: AlertList['stopSwitch'] | undefined;
  nameOf: (id: string) => string;
}) {
  const { stopSwitch } = props;
  if (!stopSwitch) return null;
  const stoppedAreas = stopSwitch.areaSwitches.filter((area) => area.isStopped);
  if (!stopSwitch.isStopped && stoppedAreas.length === 0) return null;
  const said = (reason: string | null) => reason ?? t('crisis.banner.noReason');
  return (
    <div class="notice stop-banner" id="stop-banner" role="status">
      <ul>
        {stopSwitch.isStopped && stopSwitch.changedBy !== null && stopSwitch.changedAt !== null ? (
          <li>
            {t('crisis.banner.network', {
              name: props.nameOf(stopSwitch.changedBy),
              time: formatTime(stopSwitch.changedAt),
              reason: said(stopSwitch.reason),
            })}
          </li>
        ) : null}
        {stoppedAreas.map((area) => (
          <li key={area.areaId} data-stopped-area={area.areaId}>
            {t('crisis.banner.area', {
              area: area.areaName,
              name: props.nameOf(area.changedBy),
              time: formatTime(area.changedAt),
              reason: said(area.reason),
            })}
          </li>
        ))}
      </ul>
      <a href="#/crisis">{t('crisis.banner.link')}</a>
    </div>
  );
}
