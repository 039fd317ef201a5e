import { t } from '../../../lib/i18n.ts';
import type { LanguagePreview } from '../api/types.ts';

/** The alert as it will read in one language: headline, text, the SMS and its segment count. */
export function PreviewCard(props: { message: LanguagePreview }) {
  const { message } = props;
  return (
    <article lang={message.language} dir={message.language === 'ar' ? 'rtl' : 'auto'} class="preview-card">
      <h3>{message.headline}</h3>
      <p>{message.text}</p>
      <pre class="sms">{message.sms}</pre>
      <p class="hint">{t('alerts.segments', { count: message.smsSegments.segments })}</p>
    </article>
  );
}
