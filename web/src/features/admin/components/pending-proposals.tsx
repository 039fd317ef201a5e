import { formatTime, languageName, t } from '../../../lib/i18n.ts';
import type { PresentedProposal } from '../api/types.ts';

/** The template changes waiting for a second coordinator, each a link to its approval screen. */
export function PendingProposals(props: {
  proposals: PresentedProposal[];
  nameOf: (memberId: string) => string;
}) {
  return (
    <section class="pending-proposals" aria-labelledby="proposals-title" id="template-proposals">
      <h2 id="proposals-title">{t('proposals.title')}</h2>
      {props.proposals.length === 0 ? (
        <p class="empty">{t('proposals.empty')}</p>
      ) : (
        <ul>
          {props.proposals.map((proposal) => (
            <li key={proposal.id} data-proposal={proposal.id}>
              <a href={`#/admin/templates/proposals/${proposal.id}`}>
                {t('proposals.item', {
                  template: t(`adminTemplates.key.${proposal.key}`),
                  languages: proposal.languages.map((language) => languageName(language.language)).join(', '),
                })}
              </a>
              {` · ${t('proposals.proposedBy', {
                name: props.nameOf(proposal.proposedBy),
                time: formatTime(proposal.proposedAt),
              })}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
