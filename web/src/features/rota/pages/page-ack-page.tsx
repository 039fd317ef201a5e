import { useEffect } from 'preact/hooks';
import type { RouteParams } from '../../../app/routes.tsx';
import { navigate } from '../../../lib/hash-route.ts';
import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { acknowledgePage } from '../api/rota.ts';

/**
 * Where a page's link (push notice, SMS or email) leads: opening it answers the page and claims
 * the incident when nobody holds it, then shows the incident.
 */
export function PageAckPage(props: { params: RouteParams }) {
  const pageId = props.params.pageId ?? '';
  const action = useAction();
  useEffect(() => {
    void action
      .run(() => acknowledgePage(pageId), { failed: 'rota.page.failed' })
      .then((answer) => {
        if (!answer) return;
        navigate(`/incident/${answer.incidentId}`);
      });
  }, [pageId]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('rota.page.title')}</h1>
      <Notice message={action.message} id="page-ack" />
      {action.isBusy ? <p>{t('app.loading')}</p> : null}
    </section>
  );
}
