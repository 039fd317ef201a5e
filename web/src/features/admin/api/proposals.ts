import { get, post } from '../../../lib/api.ts';
import type { PresentedProposal, ProposalAnswer, ProposalList } from './types.ts';

/** The template changes waiting for a second coordinator, newest first. */
export async function listProposals(): Promise<PresentedProposal[]> {
  return (await get<ProposalList>('/api/alert-templates/proposals')).proposals;
}

/** One change with, per language, the text in use, the proposed text and their word diff. */
export async function getProposal(proposalId: string): Promise<PresentedProposal> {
  return (await get<ProposalAnswer>(`/api/alert-templates/proposals/${proposalId}`)).proposal;
}

/** A different coordinator for the whole network approves it (after a fresh second factor). */
export function approveProposal(proposalId: string): Promise<ProposalAnswer> {
  return post<ProposalAnswer>(`/api/alert-templates/proposals/${proposalId}/approve`, {});
}

/** Rejects it, or withdraws it when its proposer does; the text in use stays. */
export function rejectProposal(proposalId: string): Promise<ProposalAnswer> {
  return post<ProposalAnswer>(`/api/alert-templates/proposals/${proposalId}/reject`, {});
}
