import { getI18n } from './i18n.ts';

let keysByCode: Map<string, string> | undefined;

/**
 * Where a code's message lives: `errors.<CODE>` for the platform's codes, or `<namespace>.error.<CODE>`
 * in the namespace file of the module that registered it (so modules never edit a shared file).
 */
function messageKeyFor(code: string): string | undefined {
  if (!keysByCode) {
    keysByCode = new Map();
    for (const key of getI18n().keys()) {
      const match = /^(?:errors\.|[^.]+\.error\.)([A-Z][A-Z0-9_]*)$/.exec(key);
      if (match?.[1] && (key.startsWith('errors.') || !keysByCode.has(match[1])))
        keysByCode.set(match[1], key);
    }
  }
  return keysByCode.get(code);
}

/** The human message for an AppError code in `language`; an unknown code gets the generic message. */
export function errorMessage(language: string, code: string): string {
  return getI18n().t(language, messageKeyFor(code) ?? 'errors.INTERNAL');
}
