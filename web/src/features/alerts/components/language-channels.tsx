import { currentLanguage, directionOf, languageName, t } from '../../../lib/i18n.ts';
import type { FrozenLanguage, LanguagePreview } from '../api/types.ts';

/** How a sent text reads: its own language's direction, whatever the app's language is. */
interface TextLanguage {
  lang: string;
  dir: 'rtl' | 'ltr';
}

function Channel(props: {
  title: string;
  entries: [label: string, text: string][];
  channel: string;
  text: TextLanguage;
  note?: string;
}) {
  const ui = currentLanguage();
  return (
    <div class="channel" data-channel={props.channel}>
      <h4 lang={ui}>{props.title}</h4>
      <dl>
        {props.entries.map(([label, text]) => [
          <dt key={`${label}-label`} lang={ui}>
            {label}
          </dt>,
          <dd key={`${label}-text`} {...props.text}>
            {text}
          </dd>,
        ])}
      </dl>
      {props.note ? (
        <p class="hint" lang={ui}>
          {props.note}
        </p>
      ) : null}
    </div>
  );
}

/**
 * One language exactly as it will be sent, channel by channel: the text message with its segment
 * count and encoding, the push notification, the email and the public page. The labels are in
 * the app's language; the texts keep their own language and direction.
 */
export function LanguageChannels(props: { message: LanguagePreview; frozen: FrozenLanguage }) {
  const { message, frozen } = props;
  const { segments, encoding } = message.smsSegments;
  const ui = currentLanguage();
  const text: TextLanguage = { lang: message.language, dir: directionOf(message.language) };
  return (
    <article class="preview-card" lang={message.language} aria-labelledby={`lang-${message.language}`}>
      <h3 id={`lang-${message.language}`} lang={ui}>
        {languageName(message.language)}
      </h3>
      <p class="hint" lang={ui}>
        {t('frozen.recipients', { count: message.recipients })}
      </p>
      <div class="channel" data-channel="sms">
        <h4 lang={ui}>{t('frozen.sms')}</h4>
        <pre class="sms" {...text}>
          {frozen.sms}
        </pre>
        <p class="hint" lang={ui} data-sms-segments={String(segments)} data-sms-encoding={encoding}>
          {t('frozen.smsSegments', { count: segments, encoding })}
        </p>
      </div>
      <Channel
        channel="push"
        title={t('frozen.push')}
        text={text}
        entries={[
          [t('frozen.pushTitle'), frozen.headline],
          [t('frozen.pushBody'), frozen.text],
        ]}
      />
      <Channel
        channel="email"
        title={t('frozen.email')}
        text={text}
        note={t('frozen.emailFooter')}
        entries={[
          [t('frozen.emailSubject'), frozen.email.subject],
          [t('frozen.emailBody'), frozen.email.body],
        ]}
      />
      <Channel
        channel="page"
        title={t('frozen.page')}
        text={text}
        entries={[
          [t('frozen.pageHeading'), frozen.headline],
          [t('frozen.pageText'), frozen.text],
          [t('frozen.pagePlace'), frozen.area],
        ]}
      />
    </article>
  );
}
