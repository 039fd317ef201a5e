import { formatTime, languageName, t } from '../../../lib/i18n.ts';
import type { PresentedContent } from '../api/types.ts';
import { shortHash } from '../kind-label.ts';

/** A template version as a person reads it: shipped, fixed, older, or the approved change. */
function versionLabel(version: string): string {
  if (version === 'default' || version === 'shipped' || version === 'unversioned')
    return t(`frozen.version.${version}`);
  return t('frozen.version.proposal', { id: version.slice(0, 8) });
}

/**
 * What identifies the frozen texts: their fingerprint (short, the whole on hover or when
 * expanded), who rendered them and when, and the template version each language used.
 */
export function ContentFacts(props: {
  content: PresentedContent;
  templateVersions: Record<string, string>;
  nameOf: (memberId: string) => string;
}) {
  const { content } = props;
  const versions = Object.entries(props.templateVersions);
  return (
    <dl class="content-facts">
      <dt>{t('frozen.hash')}</dt>
      <dd>
        <code id="content-hash" title={content.hash} data-hash={content.hash}>
          {shortHash(content.hash)}
        </code>
        <details class="full-hash">
          <summary>{t('frozen.showHash')}</summary>
          <code class="hash" dir="ltr">
            {content.hash}
          </code>
        </details>
      </dd>
      <dt>{t('frozen.rendered')}</dt>
      <dd id="content-rendered">
        {t('frozen.renderedBy', {
          name: content.renderedBy ? props.nameOf(content.renderedBy) : '—',
          time: content.renderedAt === null ? '—' : formatTime(content.renderedAt),
        })}
      </dd>
      <dt>{t('frozen.templateVersions')}</dt>
      <dd>
        <ul class="template-versions">
          {versions.map(([language, version]) => (
            <li key={language} data-template-version={version}>
              {`${languageName(language)}: ${versionLabel(version)}`}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
