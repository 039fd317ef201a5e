import fs from 'node:fs';
import path from 'node:path';

/**
 * The module-boundary scanner behind module-boundaries.test.ts (docs/adr/0013-module-boundaries.md):
 * a module's source files may name in their SQL only the tables their own `<module>.tables.ts`
 * declares, and may import another module only through its `index.ts` (a contract may also import
 * another module's contract).
 */

export const modulesRoot = path.resolve(import.meta.dirname, '../../server/modules');

export interface Violation {
  module: string;
  /** Path inside server/modules, e.g. `alerts/alert.repository.ts`. */
  file: string;
  kind: 'table' | 'import';
  /** The other module's table, or the imported file inside server/modules (`auth/policy.ts`). */
  target: string;
}

const queryBuilderCall =
  /\b(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin)\(\s*['"`]([A-Za-z_][\w]*)/g;
const rawSqlTemplate = /\bsql`([^`]*)`/g;
const rawSqlTable = /\b(?:from|join|into|update)\s+"?([A-Za-z_][\w]*)/gi;
const importSpecifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

export function listModules(root = modulesRoot): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Source files of a module (tests excluded: a test may inspect any table). */
export function sourceFiles(module: string, root = modulesRoot): string[] {
  return fs
    .readdirSync(path.join(root, module), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => path.join(module, name))
    .sort();
}

/** Table → owning module, from every `interface Database { … }` block in `<module>/**\/*.tables.ts`. */
export function tableOwners(root = modulesRoot): Map<string, string> {
  const owners = new Map<string, string>();
  for (const module of listModules(root)) {
    for (const file of sourceFiles(module, root).filter((name) => name.endsWith('.tables.ts'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const block of text.matchAll(/interface Database\s*\{([^}]*)\}/g)) {
        for (const field of block[1]!.matchAll(/^\s*([A-Za-z_]\w*)\s*:/gm)) {
          const previous = owners.get(field[1]!);
          if (previous && previous !== module) {
            throw new Error(`table ${field[1]} is declared by both ${previous} and ${module}`);
          }
          owners.set(field[1]!, module);
        }
      }
    }
  }
  return owners;
}

/**
 * A contract may name another module's contract directly (docs/adr/0017): contracts hold only zod
 * schemas, types and enums, are published to the browser as they are, and cannot import an index.
 */
function isContractToContract(file: string, target: string): boolean {
  return file.endsWith('.contract.ts') && target.endsWith('.contract.ts');
}

/** The violations in one file's text. `file` is its path inside server/modules. */
export function scanSource(
  module: string,
  file: string,
  text: string,
  owners: ReadonlyMap<string, string>,
  modules: readonly string[],
): Violation[] {
  const found: Violation[] = [];
  const foreignTable = (table: string) => {
    const owner = owners.get(table);
    if (owner && owner !== module) found.push({ module, file, kind: 'table', target: table });
  };
  for (const match of text.matchAll(queryBuilderCall)) foreignTable(match[1]!);
  for (const template of text.matchAll(rawSqlTemplate)) {
    for (const match of template[1]!.matchAll(rawSqlTable)) foreignTable(match[1]!);
  }
  const directory = path.posix.dirname(file);
  for (const match of text.matchAll(importSpecifier)) {
    const specifier = match[1]!;
    if (!specifier.startsWith('.')) continue;
    const resolved = path.posix.normalize(path.posix.join(directory, specifier));
    const [target, ...rest] = resolved.split('/');
    if (!target || target.startsWith('..') || target === module || !modules.includes(target)) continue;
    if (rest.join('/') === 'index.ts' || isContractToContract(file, resolved)) continue;
    found.push({ module, file, kind: 'import', target: resolved });
  }
  return found;
}

/**
 * Inside one module: feature folders (identity's auth, members, networks...) naming each other's
 * tables in SQL. Deep imports between feature folders stay allowed.
 */
export function scanFeatureTables(module: string, root = modulesRoot): Violation[] {
  const moduleRoot = path.join(root, module);
  const features = listModules(moduleRoot);
  const owners = tableOwners(moduleRoot);
  return features.flatMap((feature) =>
    sourceFiles(feature, moduleRoot).flatMap((file) =>
      scanSource(
        feature,
        file,
        fs.readFileSync(path.join(moduleRoot, file), 'utf8'),
        owners,
        features,
      ).filter((violation) => violation.kind === 'table'),
    ),
  );
}

/** Every violation under server/modules. */
export function scanModules(root = modulesRoot): Violation[] {
  const owners = tableOwners(root);
  const modules = listModules(root);
  return modules.flatMap((module) =>
    sourceFiles(module, root).flatMap((file) =>
      scanSource(module, file, fs.readFileSync(path.join(root, file), 'utf8'), owners, modules),
    ),
  );
}

/** `module → table x` or `module → import path`: the key an exception names. */
export function keyOf(violation: Pick<Violation, 'module' | 'kind' | 'target'>): string {
  return `${violation.module} → ${violation.kind} ${violation.target}`;
}
