import { t } from '../lib/i18n.ts';

/** A screen the member's roles do not open (the server would refuse its calls anyway). */
export function NotAllowedPage() {
  return (
    <section class="panel">
      <h1>{t('adminAccess.title')}</h1>
      <p>{t('adminAccess.notAllowed')}</p>
    </section>
  );
}
