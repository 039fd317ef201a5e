import { get, post } from '../../../lib/api.ts';
import type { PresentedTemplate, ProposalAnswer, TemplateList, TemplatePreview } from './types.ts';

export function listTemplates(): Promise<TemplateList> {
  return get<TemplateList>('/api/alert-templates');
}

export function previewTemplate(template: PresentedTemplate, body: string): Promise<TemplatePreview> {
  return post<TemplatePreview>('/api/alert-templates/preview', {
    key: template.key,
    language: template.language,
    body,
  });
}

/** A change is a proposal: it takes effect when a second coordinator approves it. */
export function proposeTemplate(template: PresentedTemplate, body: string): Promise<ProposalAnswer> {
  return post<ProposalAnswer>('/api/alert-templates/proposals', {
    key: template.key,
    texts: { [template.language]: body },
  });
}

/** Proposes going back to the pre-translated text (null), for a second coordinator to approve. */
export function proposeRestore(template: PresentedTemplate): Promise<ProposalAnswer> {
  return post<ProposalAnswer>('/api/alert-templates/proposals', {
    key: template.key,
    texts: { [template.language]: null },
  });
}
