import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit, requireRole, requirePasskeyStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { AlertDeps } from './alert.deps.ts';
import { requireNetwork } from './alert-drafting.service.ts';
import { alertReaders } from './alert.policy.ts';
import type { ProposalList, TemplateProposalInput } from './alert-template.contract.ts';
import {
  decideProposal,
  deleteTemplate,
  findProposal,
  insertProposal,
  listPendingProposals,
  listTemplateOverrides,
  upsertTemplate,
} from './alert-template.repository.ts';
import {
  activeTemplates,
  requireTemplateEditor,
  templateApprovers,
  templateEditors,
  versionOf,
} from './alert-template.service.ts';
import { parseRecord, presentProposal } from './alert-template-proposal-presenter.ts';
import type { Base, PresentedProposal } from './alert-template-proposal-presenter.ts';
import type { AlertTemplateProposalsTable } from './alert-template.tables.ts';
import { defaultTemplateBody, validateTemplateBody } from './alert-templates.ts';

/**
 * Proposes new text for one template in one or more languages (null restores the shipped
 * text). Nothing changes until a second coordinator approves it; drafts keep using the active
 * version. Bad text answers TEMPLATE_TOO_LONG / TEMPLATE_INVALID, no change TEMPLATE_UNCHANGED.
 */
export async function proposeTemplateChange(
  deps: AlertDeps,
  principal: Principal,
  input: TemplateProposalInput,
): Promise<PresentedProposal> {
  const network = await requireTemplateEditor(deps, principal, Object.keys(input.texts));
  const active = activeTemplates(await listTemplateOverrides(deps.db, network.id));
  const texts: Record<string, string | null> = {};
  const bases: Record<string, Base> = {};
  for (const [language, proposed] of Object.entries(input.texts)) {
    const body = proposed?.trim() || null;
    if (body !== null) validateTemplateBody(body, language);
    const row = active.get(`${input.key}\u0000${language}`);
    const isSame = body === null ? !row : body === row?.body;
    if (isSame) continue;
    texts[language] = body;
    bases[language] = {
      version: versionOf(row),
      body: row?.body ?? defaultTemplateBody(language, input.key),
    };
  }
  if (Object.keys(texts).length === 0) {
    throw new AppError('TEMPLATE_UNCHANGED', 'The proposed text is the same as the text in use.');
  }
  const row: AlertTemplateProposalsTable = {
    id: newId(),
    network_id: network.id,
    template_key: input.key,
    texts: JSON.stringify(texts),
    base_versions: JSON.stringify(bases),
    state: 'pending',
    proposed_by: principal.memberId,
    proposed_at: deps.clock.now(),
    decided_by: null,
    decided_at: null,
  };
  await inTransaction(deps, async (uow) => {
    await insertProposal(uow.trx, row);
    await auditProposal(deps, uow.trx, principal, 'alert.templateProposed', row);
  });
  return presentProposal(deps, network, row);
}

export async function listTemplateProposals(deps: AlertDeps, principal: Principal): Promise<ProposalList> {
  requireRole(principal, alertReaders);
  const network = await requireNetwork(deps, principal.networkId);
  const rows = await listPendingProposals(deps.db, network.id, 100);
  return { proposals: rows.map((row) => presentProposal(deps, network, row)) };
}

/** A proposal with, per language, the text in use, the proposed text and their word diff. */
export async function getTemplateProposal(
  deps: AlertDeps,
  principal: Principal,
  proposalId: string,
): Promise<PresentedProposal> {
  requireRole(principal, alertReaders);
  const network = await requireNetwork(deps, principal.networkId);
  return presentProposal(deps, network, await requireProposal(deps, principal, proposalId));
}

/**
 * The second person: a coordinator for the whole network who did not propose it, with a fresh
 * second factor. The proposal takes effect only if the texts it was diffed against are still the
 * ones in use (else TEMPLATE_PROPOSAL_STALE: the approver would approve a diff they did not see).
 */
export async function approveTemplateProposal(
  deps: AlertDeps,
  principal: Principal,
  proposalId: string,
): Promise<PresentedProposal> {
  const network = await requireTemplateEditor(deps, principal, [], templateApprovers);
  const proposal = await requirePendingProposal(deps, principal, proposalId);
  if (proposal.proposed_by === principal.memberId) {
    throw new AppError(
      'TEMPLATE_SELF_APPROVAL',
      'A different coordinator must approve a change you proposed.',
    );
  }
  requirePasskeyStepUp(principal, deps.clock);
  const now = deps.clock.now();
  const decided = { state: 'approved' as const, decided_by: principal.memberId, decided_at: now };
  await inTransaction(deps, async (uow) => {
    const active = activeTemplates(await listTemplateOverrides(uow.trx, network.id));
    const bases = parseRecord<Base>(proposal.base_versions);
    for (const [language, base] of Object.entries(bases)) {
      if (versionOf(active.get(`${proposal.template_key}\u0000${language}`)) !== base.version) {
        throw new AppError('TEMPLATE_PROPOSAL_STALE', 'The template changed after this proposal was made.');
      }
    }
    if (!(await decideProposal(uow.trx, proposal.id, decided))) throw proposalDecided();
    for (const [language, body] of Object.entries(parseRecord<string | null>(proposal.texts))) {
      if (body === null) await deleteTemplate(uow.trx, network.id, proposal.template_key, language);
      else {
        await upsertTemplate(uow.trx, {
          network_id: network.id,
          template_key: proposal.template_key,
          language,
          body,
          version_id: proposal.id,
          updated_by: principal.memberId,
          updated_at: now,
        });
      }
    }
    await auditProposal(deps, uow.trx, principal, 'alert.templateApproved', proposal);
  });
  return presentProposal(deps, network, { ...proposal, ...decided });
}

/** Rejects a pending change (any template editor; the proposer withdrawing it too). */
export async function rejectTemplateProposal(
  deps: AlertDeps,
  principal: Principal,
  proposalId: string,
): Promise<PresentedProposal> {
  const network = await requireTemplateEditor(deps, principal, [], templateEditors);
  const proposal = await requirePendingProposal(deps, principal, proposalId);
  const decided = {
    state: 'rejected' as const,
    decided_by: principal.memberId,
    decided_at: deps.clock.now(),
  };
  await inTransaction(deps, async (uow) => {
    if (!(await decideProposal(uow.trx, proposal.id, decided))) throw proposalDecided();
    await auditProposal(deps, uow.trx, principal, 'alert.templateRejected', proposal);
  });
  return presentProposal(deps, network, { ...proposal, ...decided });
}

async function requireProposal(
  deps: AlertDeps,
  principal: Principal,
  proposalId: string,
): Promise<AlertTemplateProposalsTable> {
  const proposal = await findProposal(deps.db, proposalId);
  if (!proposal || proposal.network_id !== principal.networkId) {
    throw new AppError('TEMPLATE_PROPOSAL_NOT_FOUND', 'Template change not found.');
  }
  return proposal;
}

async function requirePendingProposal(
  deps: AlertDeps,
  principal: Principal,
  proposalId: string,
): Promise<AlertTemplateProposalsTable> {
  const proposal = await requireProposal(deps, principal, proposalId);
  if (proposal.state !== 'pending') throw proposalDecided();
  return proposal;
}

function proposalDecided(): AppError {
  return new AppError('TEMPLATE_PROPOSAL_DECIDED', 'This template change was already decided.');
}

function auditProposal(
  deps: AlertDeps,
  trx: Parameters<typeof recordAudit>[1],
  principal: Principal,
  action: 'alert.templateProposed' | 'alert.templateApproved' | 'alert.templateRejected',
  proposal: AlertTemplateProposalsTable,
): Promise<unknown> {
  return recordAudit(deps, trx, {
    networkId: proposal.network_id,
    actorMemberId: principal.memberId,
    action,
    objectType: 'alertTemplate',
    objectId: proposal.id,
    metadata: {
      key: proposal.template_key,
      languages: Object.keys(parseRecord<unknown>(proposal.texts)),
      proposedBy: proposal.proposed_by,
    },
  });
}
