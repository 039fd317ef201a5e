import { t } from '../../../lib/i18n.ts';
import type { WordDiffPart } from '../api/types.ts';

/**
 * A word diff readable without color: added words are underlined in <ins>, removed ones struck
 * through in <del>, and each carries a spoken "added:" / "removed:" for screen readers.
 */
export function WordDiff(props: { parts: WordDiffPart[]; language: string; id?: string }) {
  return (
    <p class="word-diff" lang={props.language} dir="auto" id={props.id}>
      {props.parts.map((part, index) => {
        if (part.kind === 'added')
          return (
            <ins key={index}>
              <span class="visually-hidden">{`${t('proposal.added')} `}</span>
              {part.text}
            </ins>
          );
        if (part.kind === 'removed')
          return (
            <del key={index}>
              <span class="visually-hidden">{`${t('proposal.removed')} `}</span>
              {part.text}
            </del>
          );
        return <span key={index}>{part.text}</span>;
      })}
    </p>
  );
}
