import { useState } from 'preact/hooks';
import type { RouteParams } from '../../../app/routes.tsx';
import { formatTime, t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useMemberNames } from '../../members/hooks/use-member-names.ts';
import { getProposal } from '../api/proposals.ts';
import type { PresentedProposal } from '../api/types.ts';
import { ProposalDecision } from '../components/proposal-decision.tsx';
import { ProposalLanguage } from '../components/proposal-language.tsx';

function ProposalState(props: { proposal: PresentedProposal; nameOf: (memberId: string) => string }) {
  const { proposal } = props;
  if (proposal.state === 'pending' || proposal.decidedBy === null || proposal.decidedAt === null) return null;
  return (
    <p class="notice" data-proposal-state={proposal.state}>
      {t(`proposal.state.${proposal.state}`, {
        name: props.nameOf(proposal.decidedBy),
        time: formatTime(proposal.decidedAt),
      })}
    </p>
  );
}

/**
 * A proposed template change as the second coordinator reads it: per language the text in use and
 * the proposed text, the word diff and the SMS segments of each; then approve or reject.
 */
export function ProposalPage(props: { params: RouteParams }) {
  const proposalId = props.params.proposalId!;
  const proposal = useResource(() => getProposal(proposalId), [proposalId]);
  const nameOf = useMemberNames();
  const [notice, setNotice] = useState<Message | null>(null);
  const shown =
    notice ?? (proposal.error ? errorMessageOf(proposal.error, 'adminTemplates.loadFailed') : null);
  const data = proposal.data;
  return (
    <section class="panel wide" aria-labelledby="proposal-title">
      <p>
        <a href="#/admin/templates">{t('proposal.back')}</a>
      </p>
      <h1 id="proposal-title">
        {data ? t('proposal.title', { template: t(`adminTemplates.key.${data.key}`) }) : t('proposals.title')}
      </h1>
      <Notice message={shown} />
      {data ? (
        <>
          <p class="hint">
            {t('proposal.intro', { name: nameOf(data.proposedBy), time: formatTime(data.proposedAt) })}
          </p>
          <p class="hint">{t('proposal.diffLegend')}</p>
          <ProposalState proposal={data} nameOf={nameOf} />
          {data.languages.map((language) => (
            <ProposalLanguage key={language.language} language={language} />
          ))}
          <ProposalDecision
            proposal={data}
            onDecided={(decision) => {
              setNotice(messageOf(decision === 'approve' ? 'proposal.approved' : 'proposal.rejected'));
              void proposal.reload();
            }}
          />
        </>
      ) : null}
    </section>
  );
}
