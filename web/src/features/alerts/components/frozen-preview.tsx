import { t } from '../../../lib/i18n.ts';
import type { AlertPreview } from '../api/types.ts';
import { ContentFacts } from './content-facts.tsx';
import { LanguageChannels } from './language-channels.tsx';

/**
 * The approver's preview: every public word of the alert as frozen when it was drafted (or last
 * re-rendered), per language and channel, with the CAP document for partners folded away.
 */
export function FrozenPreview(props: { preview: AlertPreview; nameOf: (memberId: string) => string }) {
  const { alert, content, languages } = props.preview;
  if (!content)
    return (
      <p class="notice" id="frozen-missing">
        {t('frozen.missing')}
      </p>
    );
  return (
    <section class="frozen-preview" aria-labelledby="frozen-title">
      <h2 id="frozen-title">{t('frozen.title')}</h2>
      <p class="hint">{t(alert.state === 'draft' ? 'frozen.introDraft' : 'frozen.introSent')}</p>
      <ContentFacts content={content} templateVersions={alert.templateVersions} nameOf={props.nameOf} />
      <div class="previews">
        {languages.map((message) => {
          const frozen = content.languages[message.language];
          return frozen ? (
            <LanguageChannels key={message.language} message={message} frozen={frozen} />
          ) : null;
        })}
      </div>
      <details class="cap-document">
        <summary>{t('frozen.cap')}</summary>
        {/* Scrolls within its box: focusable so a keyboard can scroll it too. */}
        <pre dir="ltr" id="cap-document" tabIndex={0} role="region" aria-label={t('frozen.cap')}>
          {content.cap}
        </pre>
      </details>
    </section>
  );
}
