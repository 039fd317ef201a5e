import { describe, expect, it } from 'vitest';
import { keyOf, listModules, scanModules, scanSource, tableOwners } from './module-boundaries.ts';
import type { Violation } from './module-boundaries.ts';

/**
 * Module boundaries (docs/adr/0013-module-boundaries.md): a module names in its SQL only its own
 * tables and imports another module only through that module's index.ts. The crossings below
 * predate the rule; each says why it is still here. The list may only shrink: an exception that
 * no longer occurs fails the test, so whoever fixes one also deletes its line.
 */
const authCycle =
  'auth/index.ts exports the same names, but it also loads every auth route, and those routes record ' +
  'audit entries through audit/index.ts, which loads these audit routes: the import would make auth ' +
  'and audit one ESM cycle. Move to auth/index.ts once auth splits its route registration from its ' +
  'public surface (owner: that module).';

const exceptions: Record<string, string> = {
  // Deep imports of auth's principal, policy and authenticator.
  'audit → import auth/auth.http.ts': authCycle,
  'audit → import auth/policy.ts': authCycle,
  'auth → import members/member.contact.ts':
    'members/index.ts imports auth/index.ts (sessions, policy): auth reaching members through its ' +
    'index would close a cycle at load time. The email normalization could move to platform.',

  // Tables read or written by a module that does not own them.
  'auth → table members':
    'sign-in and the per-request principal reload read members directly (hot path, ARCHITECTURE.md step 3); members depends on auth, so the reverse export would be a cycle.',
  'auth → table member_roles': 'same as "auth → table members": roles are reloaded on every request.',
  'incidents → table reports':
    'incident aggregates, the report timeline and merge/split (moveReports) read and move reports in the same transaction; reports and incidents are one aggregate in practice, and reports imports incidents, so the reverse export would be a cycle.',
  'networks → table invitations':
    'isAreaReferenced: deleting an area checks no pending invitation grants a role in it (one existence check on the area’s key); members imports networks, so asking members/index.ts would be a cycle.',
  'networks → table member_roles':
    'isAreaReferenced: deleting an area checks no role grant is limited to it; same cycle as "networks → table invitations".',
};

describe('module boundaries', () => {
  const violations = scanModules();

  it('finds the table owners and every module', () => {
    const owners = tableOwners();
    expect(owners.get('incidents')).toBe('incidents');
    expect(owners.get('members')).toBe('members');
    expect(owners.get('member_roles')).toBe('members');
    expect(owners.get('evidence_exports')).toBe('evidence');
    expect(listModules()).toEqual(expect.arrayContaining(['alerts', 'dispatch', 'incidents', 'members']));
  });

  it('has no crossing outside the justified exceptions', () => {
    const unexpected = violations.filter((violation) => !(keyOf(violation) in exceptions));
    expect(
      unexpected.map((violation) => `${violation.file}: ${keyOf(violation)}`),
      'go through the other module’s index.ts (add a narrowly named export there), or justify it here',
    ).toEqual([]);
  });

  it('lists no exception that no longer occurs', () => {
    const occurring = new Set(violations.map(keyOf));
    expect(Object.keys(exceptions).filter((key) => !occurring.has(key))).toEqual([]);
  });

  it('keeps alerts and dispatch off the incidents and members tables', () => {
    const crossings = violations.filter(
      (violation) =>
        ['alerts', 'dispatch', 'evidence'].includes(violation.module) &&
        violation.kind === 'table' &&
        ['incidents', 'members'].includes(tableOwners().get(violation.target) ?? ''),
    );
    expect(crossings).toEqual([]);
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
});
