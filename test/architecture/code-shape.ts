import fs from 'node:fs';
import path from 'node:path';
import { listModules, modulesRoot, sourceFiles } from './module-boundaries.ts';

/**
 * The code-shape checks behind code-shape.test.ts (docs/adr/0015-code-shape.md): modules depend
 * on each other in one direction, file names say their role, and SQL lives in repositories.
 */

/** The fixed file roles: `incident.routes.ts`, `clustering.ts` (no role: a pure helper). */
export const fileRoles = [
  'routes',
  'service',
  'repository',
  'contract',
  'jobs',
  'pages',
  'tables',
  'policy',
  'events',
  'deps',
] as const;
const testSuffixes = ['.property.int.test', '.int.test', '.test'];

/** Why a file name breaks the naming rule, or null when it keeps it. */
export function fileNameProblem(fileName: string): string | null {
  const extension = path.extname(fileName);
  let stem = fileName.slice(0, fileName.length - extension.length);
  if (extension === '.ts') {
    const suffix = testSuffixes.find((candidate) => stem.endsWith(candidate));
    if (suffix) stem = stem.slice(0, -suffix.length);
  }
  const [name = '', role, ...more] = stem.split('.');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return 'the name is not lower-case words joined by dashes';
  if (more.length > 0) return `more than one suffix (${[role, ...more].join('.')})`;
  if (role !== undefined && !(fileRoles as readonly string[]).includes(role)) {
    return `".${role}" is not one of the roles (${fileRoles.join(', ')})`;
  }
  return null;
}

/** Every file under server/modules (any kind), as a path inside it. */
export function moduleFiles(root = modulesRoot): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

const queryBuilder =
  /\.(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(|\bsql(?:`|<[^>]*>`)/;

/** Whether a source file uses Kysely's query builder or a raw `sql` template. */
export function usesQueryBuilder(text: string): boolean {
  return queryBuilder.test(text);
}

/** Module → the other modules its source files import (type imports included: they are dependencies too). */
export function moduleImportGraph(root = modulesRoot): Map<string, Set<string>> {
  const modules = listModules(root);
  const graph = new Map(modules.map((module) => [module, new Set<string>()]));
  const importSpecifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
  for (const module of modules) {
    for (const file of sourceFiles(module, root)) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(importSpecifier)) {
        const specifier = match[1]!;
        if (!specifier.startsWith('.')) continue;
        const target = path.posix
          .normalize(path.posix.join(path.posix.dirname(file), specifier))
          .split('/')[0];
        if (target && target !== module && modules.includes(target)) graph.get(module)!.add(target);
      }
    }
  }
  return graph;
}

/** A cycle of the graph as a path (`a → b → a`), or null when it has none. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, 'open');
    trail.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/** The modules in an order where each comes after everything it imports (graph must be acyclic). */
export function dependencyOrder(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const place = (node: string) => {
    if (order.includes(node)) return;
    for (const next of [...(graph.get(node) ?? [])].sort()) place(next);
    order.push(node);
  };
  for (const node of [...graph.keys()].sort()) place(node);
  return order;
}
