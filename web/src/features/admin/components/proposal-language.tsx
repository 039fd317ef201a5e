import { directionOf, languageName, t } from '../../../lib/i18n.ts';
import type { PresentedProposalLanguage } from '../api/types.ts';
import { WordDiff } from './word-diff.tsx';

function Segments(props: { count: number; encoding: string; kind: 'current' | 'proposed' }) {
  return (
    <p class="hint" data-segments={String(props.count)} data-segments-of={props.kind}>
      {t('adminTemplates.segments', { count: props.count, encoding: props.encoding })}
    </p>
  );
}

/** One language of a proposal: the text in use and the proposed text side by side, and the diff. */
export function ProposalLanguage(props: { language: PresentedProposalLanguage }) {
  const { language, current, proposed, diff } = props.language;
  const dir = directionOf(language) === 'rtl' ? 'rtl' : 'auto';
  return (
    <article class="proposal-language" data-language={language} aria-labelledby={`proposal-${language}`}>
      <h2 id={`proposal-${language}`}>{languageName(language)}</h2>
      <div class="proposal-texts">
        <div>
          <h3>{t('proposal.current')}</h3>
          <p lang={language} dir={dir} class="template-text" data-text="current">
            {current.body}
          </p>
          <Segments count={current.smsSegments} encoding={current.smsEncoding} kind="current" />
        </div>
        <div>
          <h3>{proposed.isDefault ? t('proposal.restoresDefault') : t('proposal.proposed')}</h3>
          <p lang={language} dir={dir} class="template-text" data-text="proposed">
            {proposed.body}
          </p>
          <Segments count={proposed.smsSegments} encoding={proposed.smsEncoding} kind="proposed" />
        </div>
      </div>
      <h3 id={`diff-title-${language}`}>{t('proposal.changes')}</h3>
      <WordDiff parts={diff} language={language} id={`diff-${language}`} />
    </article>
  );
}
