import { get, post, put, remove } from '../../../lib/api.ts';
import type { PresentedTemplate, TemplateAnswer, TemplateList, TemplatePreview } from './types.ts';

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

export function saveTemplate(template: PresentedTemplate, body: string): Promise<unknown> {
  return put('/api/alert-templates', { key: template.key, language: template.language, body });
}

/** Back to the pre-translated default; answers with it. */
export async function restoreTemplate(template: PresentedTemplate): Promise<PresentedTemplate> {
  const answer = await remove<TemplateAnswer>(
    `/api/alert-templates/${encodeURIComponent(template.language)}/${encodeURIComponent(template.key)}`,
  );
  return answer.template;
}
