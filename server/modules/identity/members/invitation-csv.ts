import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { importColumns, importMaxRows } from './invitation-import.contract.ts';
import type { ImportColumn, ImportRowProblem, ImportRowPreview } from './invitation-import.contract.ts';
import { roles } from './member.contract.ts';
import type { Role } from './member.contract.ts';

/** A row read from the file, before the network's areas and the importer's rights are checked. */
export interface ReadRow extends ImportRowPreview {
  /** The address itself (never returned by the preview). */
  contact: string | null;
}

const emailSchema = z.email().max(254);
const phoneSchema = z.string().regex(/^\+[1-9][0-9]{6,14}$/);
const listSeparator = /[;|]/;

const split = (value: string) =>
  value
    .split(listSeparator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/**
 * Reads a volunteers CSV (csv-parse: quotes, embedded commas and newlines, BOM) with the header
 * `name,contact,roles,areas,languages` in any order; lists inside a cell are separated by `;`.
 * The contact is an email address or an E.164 phone number. File-level faults are AppErrors; a
 * row's faults are listed on the row.
 */
export function readVolunteersCsv(csv: string, languages: readonly string[]): ReadRow[] {
  let records: string[][];
  try {
    records = parse(csv, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      max_record_size: 4096,
      to: importMaxRows + 2,
    });
  } catch {
    throw new AppError('IMPORT_MALFORMED', 'The file could not be read as CSV.');
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((name) => name.toLowerCase());
  const missing = importColumns.filter((column) => column !== 'areas' && !columns.includes(column));
  if (!header || missing.length > 0) {
    throw new AppError('IMPORT_HEADER_INVALID', 'The first line must name the columns.', [
      { path: 'csv', message: `expected columns: ${importColumns.join(', ')}` },
    ]);
  }
  if (body.length === 0) throw new AppError('IMPORT_EMPTY', 'The file has no volunteers in it.');
  if (body.length > importMaxRows) {
    throw new AppError('IMPORT_TOO_MANY_ROWS', `At most ${importMaxRows} volunteers per file.`);
  }
  const cell = (record: string[], column: ImportColumn) => record[columns.indexOf(column)] ?? '';
  const seen = new Set<string>();
  return body.map((record, index) => {
    const problems: ReadRow['problems'] = [];
    const flag = (column: ImportColumn, problem: ImportRowProblem) => problems.push({ column, problem });
    const name = cell(record, 'name');
    if (name === '') flag('name', 'NAME_MISSING');
    else if (name.length > 100) flag('name', 'NAME_TOO_LONG');
    const contactText = cell(record, 'contact');
    const channel = emailSchema.safeParse(contactText).success
      ? ('email' as const)
      : phoneSchema.safeParse(contactText.replace(/[\s().-]/g, '')).success
        ? ('sms' as const)
        : null;
    const contact =
      channel === 'email'
        ? contactText.toLowerCase()
        : channel === 'sms'
          ? contactText.replace(/[\s().-]/g, '')
          : null;
    if (contactText === '') flag('contact', 'CONTACT_MISSING');
    else if (contact === null) flag('contact', 'CONTACT_INVALID');
    else if (seen.has(contact)) flag('contact', 'CONTACT_DUPLICATE');
    if (contact) seen.add(contact);
    const roleNames = split(cell(record, 'roles')).map((role) => role.toLowerCase());
    const knownRoles = roleNames.filter((role): role is Role => (roles as readonly string[]).includes(role));
    if (roleNames.length === 0) flag('roles', 'ROLE_MISSING');
    else if (knownRoles.length !== roleNames.length) flag('roles', 'ROLE_UNKNOWN');
    const rowLanguages = split(cell(record, 'languages')).map((language) => language.toLowerCase());
    if (rowLanguages.some((language) => !languages.includes(language))) {
      flag('languages', 'LANGUAGE_UNSUPPORTED');
    }
    return {
      line: index + 2,
      name,
      contact,
      channel,
      roles: knownRoles,
      areas: split(cell(record, 'areas')),
      languages: rowLanguages,
      problems,
    };
  });
}
