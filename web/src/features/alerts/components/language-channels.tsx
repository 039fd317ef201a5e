import { languageName, t } from '../../../lib/i18n.ts';
import type { FrozenLanguage, LanguagePreview } from '../api/types.ts';

function Channel(props: { title: string; entries: [label: string, text: string][]; channel: string }) {
  return (
    <div class="channel" data-channel={props.channel}>
      <h4>{props.title}</h4>
      <dl>
        {props.entries.map(([label, text]) => [
          <dt key={`${label}-label`}>{label}</dt>,
          <dd key={`${label}-text`}>{text}</dd>,
        ])}
      </dl>
    </div>
  );
}

/**
 * One language exactly as it will be sent, channel by channel: the text message with its segment
 * count and encoding, the push notification, the email and the public page.
 */
export function LanguageChannels(props: { message: LanguagePreview; frozen: FrozenLanguage }) {
  const { message, frozen } = props;
  const { segments, encoding } = message.smsSegments;
  const dir = message.language === 'ar' ? 'rtl' : 'auto';
  return (
    <article
      class="preview-card"
      lang={message.language}
      dir={dir}
      aria-labelledby={`lang-${message.language}`}
    >
      <h3 id={`lang-${message.language}`}>{languageName(message.language)}</h3>
      <p class="hint">{t('frozen.recipients', { count: message.recipients })}</p>
      <div class="channel" data-channel="sms">
        <h4>{t('frozen.sms')}</h4>
        <pre class="sms">{frozen.sms}</pre>
        <p class="hint" data-sms-segments={String(segments)} data-sms-encoding={encoding}>
          {t('frozen.smsSegments', { count: segments, encoding })}
        </p>
      </div>
      <Channel
        channel="push"
        title={t('frozen.push')}
        entries={[
          [t('frozen.pushTitle'), frozen.headline],
          [t('frozen.pushBody'), frozen.text],
        ]}
      />
      <Channel
        channel="email"
        title={t('frozen.email')}
        entries={[
          [t('frozen.emailSubject'), frozen.email.subject],
          [t('frozen.emailBody'), frozen.email.body],
        ]}
      />
      <Channel
        channel="page"
        title={t('frozen.page')}
        entries={[
          [t('frozen.pageHeading'), frozen.headline],
          [t('frozen.pageText'), frozen.text],
          [t('frozen.pagePlace'), frozen.area],
        ]}
      />
    </article>
  );
}
