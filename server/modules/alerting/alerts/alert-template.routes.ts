import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../../platform/http/validation.ts';
import type { createAuthenticator } from '../../identity/index.ts';
import {
  approveTemplateProposal,
  getTemplateProposal,
  listTemplateProposals,
  proposeTemplateChange,
  rejectTemplateProposal,
} from './alert-template-proposal.service.ts';
import { listTemplates, previewTemplate } from './alert-template.service.ts';
import {
  proposalParamsSchema,
  templatePreviewSchema,
  templateProposalSchema,
} from './alert-template.contract.ts';
import type { ProposalAnswer } from './alert-template.contract.ts';
import type { AlertDeps } from './alert.deps.ts';
import { noWordsSchema } from './alert.contract.ts';

/**
 * The network's alert templates: read by alert readers; changed only by a proposal (admins and
 * network-wide coordinators) that a second network-wide coordinator approves with step-up.
 */
export function registerAlertTemplateRoutes(
  app: FastifyInstance,
  deps: AlertDeps,
  authenticator: ReturnType<typeof createAuthenticator>,
): void {
  app.get('/api/alert-templates', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listTemplates(deps, principal);
  });

  app.post('/api/alert-templates/preview', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return previewTemplate(deps, principal, parseInput(templatePreviewSchema, request.body));
  });

  app.get('/api/alert-templates/proposals', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listTemplateProposals(deps, principal);
  });

  app.post('/api/alert-templates/proposals', async (request, reply) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(templateProposalSchema, request.body);
    return reply
      .status(201)
      .send({ proposal: await proposeTemplateChange(deps, principal, input) } satisfies ProposalAnswer);
  });

  app.get('/api/alert-templates/proposals/:proposalId', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { proposalId } = parseInput(proposalParamsSchema, request.params);
    return { proposal: await getTemplateProposal(deps, principal, proposalId) } satisfies ProposalAnswer;
  });

  app.post('/api/alert-templates/proposals/:proposalId/approve', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { proposalId } = parseInput(proposalParamsSchema, request.params);
    parseInput(noWordsSchema, request.body ?? {});
    return { proposal: await approveTemplateProposal(deps, principal, proposalId) } satisfies ProposalAnswer;
  });

  app.post('/api/alert-templates/proposals/:proposalId/reject', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const { proposalId } = parseInput(proposalParamsSchema, request.params);
    parseInput(noWordsSchema, request.body ?? {});
    return { proposal: await rejectTemplateProposal(deps, principal, proposalId) } satisfies ProposalAnswer;
  });
}
