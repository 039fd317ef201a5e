import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { getWatchSchedule, getWatchSites } from '../api/watch.ts';
import { ShiftForm } from '../components/shift-form.tsx';
import { SiteCard } from '../components/site-card.tsx';
import { SiteForm } from '../components/site-form.tsx';
import { localToday } from '../components/watch-format.ts';

/**
 * Watch sites: every volunteer reads what they need before going; coordinators of an area add
 * and change its sites and their recurring shifts.
 */
export function WatchSitesPage() {
  const sites = useResource(getWatchSites, []);
  const schedule = useResource(getWatchSchedule, []);
  const action = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const data = sites.data;
  const managed = data?.sites.filter((site) => site.canManage) ?? [];
  const saved = () => {
    setEditing(null);
    void sites.reload();
  };
  return (
    <section class="watch" aria-labelledby="watch-sites-title">
      <h1 id="watch-sites-title">{t('watch.sitesTitle')}</h1>
      <Notice
        message={action.message ?? (sites.error ? errorMessageOf(sites.error, 'watch.loadFailed') : null)}
      />
      {data ? (
        <>
          {data.sites.length === 0 ? <p>{t('watch.noSites')}</p> : null}
          <ul class="watch-sites" id="watch-sites">
            {data.sites.map((site) =>
              editing === site.id ? (
                <li key={site.id}>
                  <SiteForm answer={data} site={site} action={action} onSaved={saved} />
                </li>
              ) : (
                <SiteCard
                  key={site.id}
                  site={site}
                  onEdit={site.canManage ? () => setEditing(site.id) : undefined}
                />
              ),
            )}
          </ul>
          {data.manageableAreas.length > 0 ? (
            <SiteForm answer={data} action={action} onSaved={saved} />
          ) : null}
          {managed.length > 0 && schedule.data ? (
            <ShiftForm
              key={managed.map((site) => site.id).join()}
              sites={managed}
              today={localToday(schedule.data.timeZone)}
              action={action}
              onSaved={() => void schedule.reload()}
            />
          ) : null}
        </>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  );
}
