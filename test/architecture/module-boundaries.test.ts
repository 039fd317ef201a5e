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
  'alerts → table networks':
    'lockNetworkForApproval: raw row lock on the network serializes approvals for the per-network cap check; needs a networks export (follow-up).',
  'auth → table members':
    'sign-in and the per-request principal reload read members directly (hot path, ARCHITECTURE.md step 3); members depends on auth, so the reverse export would be a cycle.',
  'auth → table member_roles': 'same as "auth → table members": roles are reloaded on every request.',
  'dispatch → table responder_profiles':
    'the nearest-responder search filters the responders module’s location index in one SQL statement (ADR 0008); responders/index.ts has no query fragment for it yet.',
  'dispatch → table responder_trainings':
    'training kinds shown with suggestions; needs a responders export (follow-up).',
  'incidents → table areas':
    'loadAreaBoxes: area bounding boxes narrow the point-in-area test; networks/index.ts exports findAreasContainingPoint (follow-up to use it).',
  'incidents → table members':
    'findMemberNames: encrypted names of claimants and note authors; members/index.ts now exports findMemberDisplayNamesEnc (switch: follow-up).',
  'incidents → table reports':
    'incident aggregates, the report timeline and merge/split (moveReports) read and move reports in the same transaction; reports and incidents are one aggregate in practice.',
  'intake-retention → table incidents':
    'the scheduled purge finds reports of incidents closed before the cut-off in one statement.',
  'intake-retention → table reports':
    'the scheduled purge clears reporter contact and text (its whole purpose).',
  'intake-retention → table incident_messages':
    'the scheduled purge clears hotline message text on the same schedule.',
  'intake-retention → table networks': 'reads each network’s retention settings for the purge.',
  'members → table areas': 'findAreaIdsInNetwork: role grants must name areas of the member’s network.',
  'members → table networks':
    'findNetworkName for the join page; networks/index.ts could export it (follow-up).',
  'members → table sessions':
    'removing or suspending a member revokes their sessions in the same transaction.',
  'networks → table invitations':
    'isAreaReferenced: deleting an area checks no pending invitation grants a role in it (one existence check on the area’s key).',
  'networks → table member_roles':
    'isAreaReferenced: deleting an area checks no role grant is limited to it.',
  'reports → table incidents':
    'hasGenuineReportFrom: flood mode recognizes a known reporter through their reports’ incidents in one query.',
  'responders → table members':
    'findResponderMember and the roster read member status and names in one query.',
  'responders → table member_roles':
    'listResponderGrants and the roster filter by responder grants and areas.',
  'responders → table member_vettings': 'countVettingsOf: the roster shows the vetting state.',
  'rumors → table incidents': 'public rumor pages read confirmed incidents’ public fields.',
  'setup → table networks': 'the one-time setup creates the first network.',
  'setup → table setup_tokens': 'setup owns its link lifecycle but the table is declared in auth.tables.ts.',
  'sms-hotline → table incidents':
    'findOpenThread and findIncidentNoticeFacts join the incident in one query.',
  'sms-hotline → table reports':
    'reporter contact (encrypted) lives on the report; the hotline replies to it.',
  'sms-hotline → table networks': 'hotline numbers live in network settings; notices name the network.',
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
