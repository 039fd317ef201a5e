import { describe, expect, it } from 'vitest';
import {
  keyOf,
  listModules,
  scanFeatureTables,
  scanModules,
  scanSource,
  tableOwners,
} from './module-boundaries.ts';
import type { Violation } from './module-boundaries.ts';

/**
 * Module boundaries (docs/adr/0013-module-boundaries.md): a module (intake, field, alerting,
 * identity, channels, system) names in its SQL only its own tables and imports another module only
 * through that module's index.ts. There are no exceptions: a crossing fails this test.
 */
describe('module boundaries', () => {
  const violations = scanModules();

  it('finds the table owners and every module', () => {
    const owners = tableOwners();
    expect(owners.get('incidents')).toBe('intake');
    expect(owners.get('reports')).toBe('intake');
    expect(owners.get('members')).toBe('identity');
    expect(owners.get('member_roles')).toBe('identity');
    expect(owners.get('evidence_exports')).toBe('field');
    expect(owners.get('alerts')).toBe('alerting');
    expect(owners.get('watch_sites')).toBe('watch');
    expect(owners.get('watch_signups')).toBe('watch');
    expect(listModules()).toEqual(['alerting', 'channels', 'field', 'identity', 'intake', 'system', 'watch']);
  });

  it('has no crossing at all', () => {
    expect(
      violations.map((violation) => `${violation.file}: ${keyOf(violation)}`),
      'go through the other module’s index.ts (add a narrowly named export there)',
    ).toEqual([]);
  });

  it('keeps alerting and the field off the intake and identity tables', () => {
    const crossings = violations.filter(
      (violation) =>
        ['alerting', 'field'].includes(violation.module) &&
        violation.kind === 'table' &&
        ['intake', 'identity'].includes(tableOwners().get(violation.target) ?? ''),
    );
    expect(crossings).toEqual([]);
  });

  it('keeps identity’s feature folders off each other’s tables (auth reads members through a port)', () => {
    expect(
      scanFeatureTables('identity').map((violation) => `${violation.file}: ${keyOf(violation)}`),
    ).toEqual([]);
  });

  it('would catch a foreign table in a query or raw SQL, and a deep import', () => {
    const owners = new Map([
      ['members', 'members'],
      ['alerts', 'alerts'],
    ]);
    const modules = ['alerts', 'members', 'auth'];
    const source = [
      "import { findThing } from '../members/member.repository.ts';",
      "import { roles } from '../members/index.ts';",
      "import type { Principal } from '../../platform/x.ts';",
      "const a = await db.selectFrom('members').selectAll().execute();",
      "const b = await db.selectFrom('alerts').innerJoin('members as m', 'm.id', 'alerts.id');",
      'await sql`select id from members where id = ${id} for update`.execute(trx);',
    ].join('\n');
    const found: Violation[] = scanSource('alerts', 'alerts/x.repository.ts', source, owners, modules);
    expect(found.map(keyOf)).toEqual([
      'alerts → table members',
      'alerts → table members',
      'alerts → table members',
      'alerts → import members/member.repository.ts',
    ]);
  });

  it('lets a contract, and only a contract, name another module’s contract', () => {
    const modules = ['alerts', 'members'];
    const source = "import type { Role } from '../members/member.contract.ts';";
    const owners = new Map<string, string>();
    expect(scanSource('alerts', 'alerts/alert.contract.ts', source, owners, modules)).toEqual([]);
    expect(scanSource('alerts', 'alerts/alert.service.ts', source, owners, modules).map(keyOf)).toEqual([
      'alerts → import members/member.contract.ts',
    ]);
  });
});
