import IntlMessageFormat from 'intl-messageformat';
import { AppError } from '../../../platform/errors/app-error.ts';
import { loadCatalogs, t } from '../../../platform/i18n/index.ts';
import type { Catalogs } from '../../../platform/i18n/index.ts';
import { templateKeys } from './alert-template.contract.ts';
import type { TemplateKey } from './alert-template.contract.ts';

// The keys are in the contract (the members' app edits templates by key); re-exported here.
export { templateKeys } from './alert-template.contract.ts';
export type { TemplateKey } from './alert-template.contract.ts';

/** What a template may use; the message around it adds the network name and the link. */
export const templatePlaceholders = ['place', 'time', 'details'] as const;
export const maxTemplateLength = 480;
export const maxFreeTextLength = 280;

export function isTemplateKey(value: string): value is TemplateKey {
  return (templateKeys as readonly string[]).includes(value);
}

export function alertTemplateKey(category: string): TemplateKey {
  const key = `alert.${category}`;
  return isTemplateKey(key) ? key : 'alert.other';
}

let catalogs: Catalogs | undefined;

/** The pre-translated text shipped in locales/<language>/alerts.json (English when missing). */
export function defaultTemplateBody(language: string, key: TemplateKey): string {
  catalogs ??= loadCatalogs();
  const catalogKey = `alerts.template.${key}`;
  return catalogs.get(language)?.get(catalogKey) ?? catalogs.get('en')?.get(catalogKey) ?? '';
}

/**
 * Checks an admin's template: at most 480 characters (TEMPLATE_TOO_LONG), valid ICU
 * MessageFormat using only {place}, {time} and {details} (TEMPLATE_INVALID).
 */
export function validateTemplateBody(body: string, language: string): void {
  if (body.length > maxTemplateLength) {
    throw new AppError('TEMPLATE_TOO_LONG', `A template may have at most ${maxTemplateLength} characters.`, [
      { path: 'body', message: `${body.length} characters` },
    ]);
  }
  let names: string[];
  try {
    names = argumentNames(new IntlMessageFormat(body, language, undefined, { ignoreTag: true }).getAst());
  } catch {
    throw new AppError('TEMPLATE_INVALID', 'The template is not valid message text.', [
      { path: 'body', message: 'syntax' },
    ]);
  }
  const unknown = names.filter((name) => !(templatePlaceholders as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new AppError('TEMPLATE_INVALID', `Use only {place}, {time} and {details}.`, [
      { path: 'body', message: unknown.join(', ') },
    ]);
  }
}

/** Free text per language: only the network's languages, each at most 280 characters. */
export function validateFreeText(
  freeText: Record<string, string>,
  languages: readonly string[],
): Record<string, string> {
  const cleaned: Record<string, string> = {};
  for (const [language, text] of Object.entries(freeText)) {
    if (!languages.includes(language)) {
      throw new AppError('VALIDATION_FAILED', 'The request is not valid.', [
        { path: `freeText.${language}`, message: `Use one of ${languages.join(', ')}.` },
      ]);
    }
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (trimmed.length > maxFreeTextLength) {
      throw new AppError(
        'TEMPLATE_TOO_LONG',
        `The free text may have at most ${maxFreeTextLength} characters.`,
        [{ path: `freeText.${language}`, message: `${trimmed.length} characters` }],
      );
    }
    if (trimmed.length > 0) cleaned[language] = trimmed;
  }
  return cleaned;
}

export interface TemplateValues {
  place: string;
  time: string;
  details: string;
}

/** Formats a template body; a broken stored template falls back to the shipped default. */
export function formatTemplate(
  body: string,
  key: TemplateKey,
  language: string,
  values: TemplateValues,
): string {
  try {
    const formatted = new IntlMessageFormat(body, language, undefined, { ignoreTag: true }).format({
      ...values,
    });
    return collapseSpaces(Array.isArray(formatted) ? formatted.join('') : String(formatted));
  } catch {
    return collapseSpaces(t(language, `alerts.template.${key}`, { ...values }));
  }
}

export function collapseSpaces(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

function argumentNames(ast: unknown[]): string[] {
  const names = new Set<string>();
  const visit = (nodes: AstNode[]) => {
    for (const node of nodes) {
      // Literals (0) and # (7) carry no argument; tags (8) only children.
      if (node.type !== 0 && node.type !== 7 && node.type !== 8 && typeof node.value === 'string')
        names.add(node.value);
      if (node.options) for (const option of Object.values(node.options)) visit(option.value);
      if (node.children) visit(node.children);
    }
  };
  visit(ast as AstNode[]);
  return [...names];
}
