import { errorCodes, isErrorCode } from '../errors/app-error.ts';
import { getI18n } from './i18n.ts';

/** The human message for an AppError code in `language`; an unknown code gets the generic message. */
export function errorMessage(language: string, code: string): string {
  return getI18n().t(language, isErrorCode(code) ? errorCodes[code].message : errorCodes.INTERNAL.message);
}
