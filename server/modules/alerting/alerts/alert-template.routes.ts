import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../../platform/http/validation.ts';
import type { createAuthenticator } from '../../identity/index.ts';
import { listTemplates, previewTemplate, resetTemplate, updateTemplate } from './alert-template.service.ts';
import { templatePreviewSchema, templateRefSchema } from './alert-template.contract.ts';
import type { TemplateAnswer } from './alert-template.contract.ts';
import type { AlertDeps } from './alert.deps.ts';
import { templateUpdateSchema } from './alert.contract.ts';

/** The network's alert templates: read by alert readers, edited by admins and network-wide coordinators. */
export function registerAlertTemplateRoutes(
  app: FastifyInstance,
  deps: AlertDeps,
  authenticator: ReturnType<typeof createAuthenticator>,
): void {
  app.get('/api/alert-templates', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listTemplates(deps, principal);
  });

  app.put('/api/alert-templates', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(templateUpdateSchema, request.body);
    return { template: await updateTemplate(deps, principal, input) } satisfies TemplateAnswer;
  });

  app.delete('/api/alert-templates/:language/:key', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const ref = parseInput(templateRefSchema, request.params);
    return { template: await resetTemplate(deps, principal, ref) } satisfies TemplateAnswer;
  });

  app.post('/api/alert-templates/preview', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return previewTemplate(deps, principal, parseInput(templatePreviewSchema, request.body));
  });
}
