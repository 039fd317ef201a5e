import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { useResource } from '../../../lib/resource.ts';
import type { Action } from '../../../lib/use-action.ts';
import { createCalendarFeed, getCalendarFeed, revokeCalendarFeed } from '../api/watch.ts';

/** The member's private calendar link: made (shown once), replaced, or revoked. */
export function CalendarPanel(props: { action: Action }) {
  const feed = useResource(getCalendarFeed, []);
  const [url, setUrl] = useState<string | null>(null);
  const create = async () => {
    const created = await props.action.run(createCalendarFeed, { done: 'watch.calendarLinkMade' });
    if (created) {
      setUrl(created.url);
      void feed.reload();
    }
  };
  const revoke = async () => {
    if (await props.action.succeeds(revokeCalendarFeed, { done: 'watch.calendarLinkRevoked' })) {
      setUrl(null);
      void feed.reload();
    }
  };
  const isActive = feed.data?.isActive ?? false;
  return (
    <section
      class="watch-calendar"
      aria-labelledby="watch-calendar-title"
      id="watch-calendar"
      data-active={String(isActive)}
    >
      <h2 id="watch-calendar-title">{t('watch.calendarTitle')}</h2>
      <p>{isActive ? t('watch.calendarActive') : t('watch.calendarExplain')}</p>
      {url ? (
        <div class="field">
          <label for="watch-calendar-url">{t('watch.calendarUrl')}</label>
          <input id="watch-calendar-url" type="text" readOnly value={url} />
        </div>
      ) : null}
      <button
        type="button"
        class="button"
        id="watch-calendar-create"
        disabled={props.action.isBusy}
        onClick={() => void create()}
      >
        {isActive ? t('watch.calendarReplace') : t('watch.calendarCreate')}
      </button>{' '}
      {isActive ? (
        <button
          type="button"
          class="button secondary"
          id="watch-calendar-revoke"
          disabled={props.action.isBusy}
          onClick={() => void revoke()}
        >
          {t('watch.calendarRevoke')}
        </button>
      ) : null}
    </section>
  );
}
