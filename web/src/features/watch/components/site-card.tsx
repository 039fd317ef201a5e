import { t } from '../../../lib/i18n.ts';
import type { WatchSiteView } from '../api/types.ts';

function Detail(props: { label: string; value: string }) {
  if (props.value === '') return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </>
  );
}

/** What a volunteer needs before going: address, hours, entry rules, safety notes, rally point. */
export function SiteCard(props: { site: WatchSiteView; onEdit?: () => void }) {
  const { site } = props;
  return (
    <li class="watch-site" data-site={site.id}>
      <h2>{site.name}</h2>
      <p>
        {t(`watch.kind.${site.kind}`)} · {site.areaName}
      </p>
      <dl>
        <Detail label={t('watch.address')} value={site.address} />
        <Detail label={t('watch.openingHours')} value={site.openingHours} />
        <Detail label={t('watch.entryRules')} value={site.entryRules} />
        <Detail label={t('watch.safetyNotes')} value={site.safetyNotes} />
        <Detail label={t('watch.rallyPoint')} value={site.rallyPoint} />
      </dl>
      {props.onEdit ? (
        <button type="button" class="button secondary" onClick={props.onEdit}>
          {t('watch.edit')}
        </button>
      ) : null}
    </li>
  );
}
