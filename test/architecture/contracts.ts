import fs from 'node:fs';
import path from 'node:path';

/**
 * The scanner behind contracts.test.ts (docs/adr/0017-contracts-and-web-app-shape.md): the
 * server's `*.contract.ts` files are what the members' app may see of the server, so they must be
 * loadable in a browser (zod and other contracts only), and the app may reach them by type only.
 */

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** One import found in a file, with what it names and whether it is erased at compile time. */
export interface ImportStatement {
  specifier: string;
  isTypeOnly: boolean;
  /** The statement as written, for failure messages. */
  text: string;
}

// `import type {…} from`, `import {…} from`, `export {…} from`, `import 'x'`; and `import('x')`.
const staticImport = /^\s*(?:import|export)\s+(type\s+)?(?:([\w*${}\s,]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;
const dynamicImport = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** `{ type A, type B }`: every name marked `type`, and no default or namespace import beside them. */
function isEachNameTyped(clause: string | undefined): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause?.trim() ?? '');
  if (!braces) return false;
  const names = braces[1]!
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

/** Every import (and re-export) of `text`, and whether the compiler erases it. */
export function listImports(text: string): ImportStatement[] {
  const found: ImportStatement[] = [];
  for (const match of text.matchAll(staticImport)) {
    found.push({
      specifier: match[3]!,
      isTypeOnly: match[1] !== undefined || isEachNameTyped(match[2]),
      text: match[0].trim().replace(/\s+/g, ' '),
    });
  }
  for (const match of text.matchAll(dynamicImport)) {
    found.push({ specifier: match[1]!, isTypeOnly: false, text: match[0] });
  }
  return found;
}

/** Files under `directory` (relative to the repository) whose names end with one of `endings`. */
export function listFiles(directory: string, endings: readonly string[]): string[] {
  return fs
    .readdirSync(path.join(repositoryRoot, directory), { recursive: true, encoding: 'utf8' })
    .filter((name) => endings.some((ending) => name.endsWith(ending)))
    .map((name) => path.posix.join(directory, name.split(path.sep).join('/')))
    .sort();
}

/** The repository-relative path an import of `file` names, or null for a package. */
export function resolveImport(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

/** A contract may import zod and other contracts, nothing else: no platform code, Node or Kysely. */
export function contractViolations(file: string, text: string): string[] {
  return listImports(text)
    .filter((statement) => {
      const target = resolveImport(file, statement.specifier);
      if (target === null) return statement.specifier !== 'zod';
      return !target.endsWith('.contract.ts');
    })
    .map((statement) => `${file}: ${statement.text}`);
}

/**
 * The members' app reaches the server only by `import type` from a `*.contract.ts`: nothing of the
 * server lands in the bundle. Tests (run by vitest, never bundled) may also import a contract's
 * schemas to check that the app agrees with them. No zod in the app either.
 */
export function webImportViolations(file: string, text: string): string[] {
  const isTest = /\.test\.tsx?$/.test(file);
  return listImports(text)
    .filter((statement) => {
      const target = resolveImport(file, statement.specifier);
      if (target === null) return statement.specifier === 'zod' && !isTest;
      if (!target.startsWith('server/')) return false;
      return !target.endsWith('.contract.ts') || (!statement.isTypeOnly && !isTest);
    })
    .map((statement) => `${file}: ${statement.text}`);
}
