import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dependencyOrder,
  fileNameProblem,
  findCycle,
  moduleFiles,
  moduleImportGraph,
  usesQueryBuilder,
} from './code-shape.ts';
import { modulesRoot } from './module-boundaries.ts';

/**
 * The shape of server/modules (docs/adr/0015-code-shape.md): the modules import each other in
 * one direction (a report travels identity → intake → field/alerting → channels), every file name
 * has one of the fixed roles or none, and the query builder appears only in repositories.
 */
describe('code shape', () => {
  it('has no import cycle between modules', () => {
    const graph = moduleImportGraph();
    expect(findCycle(graph), 'a module imports one that imports it back').toBeNull();
    const order = dependencyOrder(graph);
    // The flow the folders show: who may import whom.
    expect(order.indexOf('identity')).toBeLessThan(order.indexOf('intake'));
    expect(order.indexOf('intake')).toBeLessThan(order.indexOf('field'));
    expect(order.indexOf('intake')).toBeLessThan(order.indexOf('alerting'));
    expect(order.indexOf('field')).toBeLessThan(order.indexOf('channels'));
    expect(order.indexOf('alerting')).toBeLessThan(order.indexOf('channels'));
    expect(order.indexOf('identity')).toBeLessThan(order.indexOf('watch'));
  });

  it('names every file with one fixed role or none', () => {
    const problems = moduleFiles()
      .map((file) => [file, fileNameProblem(path.basename(file))] as const)
      .filter(([, problem]) => problem !== null)
      .map(([file, problem]) => `${file}: ${problem}`);
    expect(problems).toEqual([]);
  });

  it('keeps the query builder and raw SQL in *.repository.ts files', () => {
    const outside = moduleFiles()
      .filter(
        (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.repository.ts'),
      )
      .filter((file) => usesQueryBuilder(fs.readFileSync(path.join(modulesRoot, file), 'utf8')));
    expect(outside, 'move the query into the feature’s repository').toEqual([]);
  });

  it('would catch a cycle, a stray suffix and a query outside a repository', () => {
    const graph = new Map([
      ['identity', new Set<string>()],
      ['intake', new Set(['identity', 'channels'])],
      ['channels', new Set(['intake'])],
    ]);
    expect(findCycle(graph)).toEqual(['channels', 'intake', 'channels']);
    graph.get('intake')!.delete('channels');
    expect(findCycle(graph)).toBeNull();
    expect(dependencyOrder(graph)).toEqual(['identity', 'intake', 'channels']);

    expect(fileNameProblem('incident.routes.ts')).toBeNull();
    expect(fileNameProblem('clustering.ts')).toBeNull();
    expect(fileNameProblem('network.service.int.test.ts')).toBeNull();
    expect(fileNameProblem('bad-input.property.int.test.ts')).toBeNull();
    expect(fileNameProblem('sw.js')).toBeNull();
    expect(fileNameProblem('offer.creation.ts')).toMatch(/not one of the roles/);
    expect(fileNameProblem('evidence-export.requests.ts')).toMatch(/not one of the roles/);
    expect(fileNameProblem('incident.claims.service.ts')).toMatch(/more than one suffix/);

    expect(usesQueryBuilder("await db.selectFrom('incidents').selectAll().execute();")).toBe(true);
    expect(usesQueryBuilder('await sql`vacuum`.execute(db);')).toBe(true);
    expect(usesQueryBuilder('const rows = await sql<{ n: number }>`select 1 as n`.execute(db);')).toBe(true);
    expect(usesQueryBuilder("const table = 'selectFrom'; import { sqlite } from 'x';")).toBe(false);
  });
});
