import { afterAll, beforeAll, expect, it } from 'vitest';
import { countSmsSegments } from '../../server/modules/alerting/alerts/sms-segments.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildAlertWorld, member } from './support/alert-world.ts';
import type { AlertWorld, SignedInMember } from './support/alert-world.ts';
import { call, outcome } from './support/api.ts';

interface Template {
  key: string;
  language: string;
  body: string;
  isDefault: boolean;
  version: string;
}

interface Proposal {
  id: string;
  key: string;
  state: string;
  proposedBy: string;
  languages: {
    language: string;
    current: { body: string; version: string; smsSegments: number; smsEncoding: string };
    proposed: { body: string; isDefault: boolean; smsSegments: number };
    diff: { kind: 'same' | 'added' | 'removed'; text: string }[];
  }[];
}

describeEachDatabase(
  'alert templates: proposed by one, approved by a second coordinator, previewed',
  (dialect) => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp(dialect);
    });
    afterAll(() => testApp.close());

    const propose = (who: SignedInMember | null, body: Record<string, unknown>) =>
      call(testApp, 'POST', '/api/alert-templates/proposals', who, body);
    const decide = (who: SignedInMember | null, proposalId: string, decision: 'approve' | 'reject') =>
      call(testApp, 'POST', `/api/alert-templates/proposals/${proposalId}/${decision}`, who, {});
    const preview = (who: SignedInMember | null, body: Record<string, unknown>) =>
      call(testApp, 'POST', '/api/alert-templates/preview', who, body);
    async function templatesOf(world: AlertWorld): Promise<Template[]> {
      return (await call(testApp, 'GET', '/api/alert-templates', world.dispatcher)).json<{
        templates: Template[];
      }>().templates;
    }
    async function auditActionsOf(networkId: string): Promise<string[]> {
      const rows = await testApp.context.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_member_id'])
        .where('chain', '=', networkId)
        .where('object_type', '=', 'alertTemplate')
        .orderBy('seq')
        .execute();
      return rows.map((row) => `${row.action} ${row.actor_member_id}`);
    }
    /** A second coordinator for the whole network (world.approver's grant is limited to one area). */
    const secondCoordinator = (world: AlertWorld) =>
      member(testApp.context, world.network.id, { roles: [{ role: 'coordinator' }] });

    it('changes a template only when a second coordinator approves the diff, audited', async () => {
      const world = await buildAlertWorld(testApp);
      const second = await secondCoordinator(world);
      const body = 'Agentes cerca de {place} a las {time}. {details}';
      const proposed = await propose(world.admin, { key: 'alert.home', texts: { es: `  ${body} ` } });
      expect(proposed.statusCode).toBe(201);
      const { proposal } = proposed.json<{ proposal: Proposal }>();
      expect(proposal).toMatchObject({ state: 'pending', key: 'alert.home', proposedBy: world.admin.id });
      // Pending: nothing changed yet.
      expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);

      // The approver sees the text in use, the proposed text and their word diff.
      const shown = await call(testApp, 'GET', `/api/alert-templates/proposals/${proposal.id}`, second);
      const [spanish] = shown.json<{ proposal: Proposal }>().proposal.languages;
      expect(spanish!.current.body).toContain('VERIFICADO');
      expect(spanish!.proposed).toMatchObject({ body, isDefault: false });
      expect(spanish!.proposed.smsSegments).toBeGreaterThan(0);
      // What the text in use costs, beside what the proposal would: both as an alert's SMS.
      expect(spanish!.current.smsEncoding).toMatch(/^(GSM-7|UCS-2)$/);
      expect(spanish!.current.smsSegments).toBeGreaterThan(0);
      const removed = spanish!.diff.filter((part) => part.kind === 'removed').map((part) => part.text);
      const added = spanish!.diff.filter((part) => part.kind === 'added').map((part) => part.text);
      expect(removed.join('')).toContain('VERIFICADO');
      expect(added.join('')).toContain('Agentes');
      expect(
        spanish!.diff
          .filter((part) => part.kind !== 'added')
          .map((part) => part.text)
          .join(''),
      ).toBe(spanish!.current.body);
      expect(
        spanish!.diff
          .filter((part) => part.kind !== 'removed')
          .map((part) => part.text)
          .join(''),
      ).toBe(body);
      const pending = await call(testApp, 'GET', '/api/alert-templates/proposals', world.dispatcher);
      expect(pending.json<{ proposals: Proposal[] }>().proposals.map((entry) => entry.id)).toEqual([
        proposal.id,
      ]);

      expect((await decide(second, proposal.id, 'approve')).statusCode).toBe(200);
      const edited = (await templatesOf(world)).find(
        (entry) => entry.key === 'alert.home' && entry.language === 'es',
      );
      expect(edited).toMatchObject({ body, isDefault: false, version: proposal.id });
      expect(outcome(await decide(second, proposal.id, 'approve'))).toEqual([
        409,
        'TEMPLATE_PROPOSAL_DECIDED',
      ]);

      // Restoring the shipped text is a change like any other.
      const restore = (await propose(second, { key: 'alert.home', texts: { es: null } })).json<{
        proposal: Proposal;
      }>().proposal;
      expect(restore.languages[0]!.proposed.isDefault).toBe(true);
      expect((await decide(world.drafter, restore.id, 'approve')).statusCode).toBe(200);
      expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
      expect(await auditActionsOf(world.network.id)).toEqual([
        `alert.templateProposed ${world.admin.id}`,
        `alert.templateApproved ${second.id}`,
        `alert.templateProposed ${second.id}`,
        `alert.templateApproved ${world.drafter.id}`,
      ]);
    });

    it('refuses self-approval, other roles, area-limited coordinators, and no fresh second factor', async () => {
      const world = await buildAlertWorld(testApp);
      const body = { key: 'update', texts: { en: 'UPDATE near {place}.' } };
      const noSecondFactor = await member(testApp.context, world.network.id, {
        roles: [{ role: 'coordinator' }],
        withTotp: false,
      });
      const notSteppedUp = await member(
        testApp.context,
        world.network.id,
        { roles: [{ role: 'coordinator' }] },
        false,
      );
      const responder = await member(testApp.context, world.network.id, { roles: [{ role: 'responder' }] });
      expect(outcome(await propose(null, body))).toEqual([401, 'UNAUTHENTICATED']);
      expect(outcome(await propose(world.dispatcher, body))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await propose(responder, body))).toEqual([403, 'FORBIDDEN']);
      // world.approver's coordinator grant is limited to one area.
      expect(outcome(await propose(world.approver, body))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await preview(world.dispatcher, { key: 'update', language: 'en', body: 'x' }))).toEqual([
        403,
        'FORBIDDEN',
      ]);
      expect(outcome(await propose(noSecondFactor, body))).toEqual([403, 'SECOND_FACTOR_REQUIRED']);

      const proposalId = (await propose(world.drafter, body)).json<{ proposal: Proposal }>().proposal.id;
      expect(outcome(await decide(world.drafter, proposalId, 'approve'))).toEqual([
        403,
        'TEMPLATE_SELF_APPROVAL',
      ]);
      expect(outcome(await decide(world.admin, proposalId, 'approve'))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await decide(world.approver, proposalId, 'approve'))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await decide(world.dispatcher, proposalId, 'approve'))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await decide(notSteppedUp, proposalId, 'approve'))).toEqual([403, 'STEP_UP_REQUIRED']);
      expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
      // Its proposer may withdraw it; then nobody can approve it.
      expect((await decide(world.drafter, proposalId, 'reject')).statusCode).toBe(200);
      expect(outcome(await decide(notSteppedUp, proposalId, 'approve'))).toEqual([
        409,
        'TEMPLATE_PROPOSAL_DECIDED',
      ]);
      expect(await auditActionsOf(world.network.id)).toEqual([
        `alert.templateProposed ${world.drafter.id}`,
        `alert.templateRejected ${world.drafter.id}`,
      ]);
    });

    it('answers bad proposals with stable codes and leaves the text in use alone', async () => {
      const world = await buildAlertWorld(testApp, { languages: ['en', 'es'] });
      const second = await secondCoordinator(world);
      const save = (changes: Record<string, unknown>) =>
        propose(world.drafter, { key: 'allClear', texts: { en: 'All clear near {place}.' }, ...changes });
      expect(outcome(await save({ texts: { en: 'z'.repeat(481) } }))).toEqual([400, 'TEMPLATE_TOO_LONG']);
      expect(outcome(await save({ texts: { en: 'Near {place} {name}' } }))).toEqual([
        400,
        'TEMPLATE_INVALID',
      ]);
      expect(outcome(await save({ texts: { en: 'Near {place' } }))).toEqual([400, 'TEMPLATE_INVALID']);
      expect(outcome(await save({ texts: { ar: 'x {place}' } }))).toEqual([
        400,
        'TEMPLATE_LANGUAGE_NOT_OFFERED',
      ]);
      expect(outcome(await save({ texts: {} }))).toEqual([400, 'VALIDATION_FAILED']);
      expect(outcome(await save({ key: 'alert.unknown' }))).toEqual([400, 'VALIDATION_FAILED']);
      expect(outcome(await save({ extra: true }))).toEqual([400, 'VALIDATION_FAILED']);
      expect(outcome(await save({ texts: { en: null } }))).toEqual([400, 'TEMPLATE_UNCHANGED']);
      expect(outcome(await preview(world.drafter, { key: 'update', language: 'en', body: '{x}' }))).toEqual([
        400,
        'TEMPLATE_INVALID',
      ]);
      expect(outcome(await decide(second, 'no-such-proposal', 'approve'))).toEqual([
        404,
        'TEMPLATE_PROPOSAL_NOT_FOUND',
      ]);
      expect(
        outcome(await call(testApp, 'POST', `/api/alert-templates/proposals/x/approve`, second, { why: 1 })),
      ).toEqual([400, 'VALIDATION_FAILED']);
      // Two proposals against the same text: once one is in use, the other's diff is stale.
      const first = (await save({})).json<{ proposal: Proposal }>().proposal.id;
      const rival = (await save({ texts: { en: 'ALL CLEAR at {place}.' } })).json<{ proposal: Proposal }>()
        .proposal.id;
      expect((await decide(second, first, 'approve')).statusCode).toBe(200);
      expect(outcome(await decide(second, rival, 'approve'))).toEqual([409, 'TEMPLATE_PROPOSAL_STALE']);
      const inUse = (await templatesOf(world)).find(
        (entry) => entry.key === 'allClear' && entry.language === 'en',
      );
      expect(inUse).toMatchObject({ body: 'All clear near {place}.', version: first });
    });

    it('previews unsaved text as the SMS carries it, with its segment count', async () => {
      const world = await buildAlertWorld(testApp, { languages: ['en', 'ar'] });
      const short = await preview(world.drafter, {
        key: 'alert.workplace',
        language: 'en',
        body: 'Agents near {place}.',
      });
      expect(short.statusCode).toBe(200);
      const shortPreview = short.json<{
        text: string;
        sms: string;
        smsSegments: number;
        smsEncoding: string;
      }>();
      expect(shortPreview.text).toBe('Agents near ZIP code 60608.');
      expect(shortPreview.sms).toContain(world.network.name);
      expect(shortPreview.sms).toContain(`/a/${world.network.slug}`);
      expect(shortPreview).toMatchObject({ smsSegments: 1, smsEncoding: 'GSM-7' });
      const long = await preview(world.drafter, {
        key: 'alert.workplace',
        language: 'ar',
        body: 'عملاء قرب {place} عند {time}. {details}',
        details: 'ت'.repeat(120),
      });
      const longPreview = long.json<{ sms: string; smsSegments: number; smsEncoding: string }>();
      expect(longPreview.sms).toContain('ت'.repeat(120));
      expect(longPreview.smsEncoding).toBe('UCS-2');
      expect(longPreview.smsSegments).toBe(countSmsSegments(longPreview.sms).segments);
      expect(longPreview.smsSegments).toBeGreaterThanOrEqual(3);
      // A preview saves nothing.
      expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
    });

    it("keeps another network's templates and proposals apart", async () => {
      const world = await buildAlertWorld(testApp);
      const other = await buildAlertWorld(testApp);
      const proposal = (
        await propose(other.drafter, { key: 'update', texts: { en: 'Other {place}' } })
      ).json<{
        proposal: Proposal;
      }>().proposal;
      for (const who of [world.drafter, world.dispatcher]) {
        expect(
          outcome(await call(testApp, 'GET', `/api/alert-templates/proposals/${proposal.id}`, who)),
        ).toEqual([404, 'TEMPLATE_PROPOSAL_NOT_FOUND']);
      }
      expect(outcome(await decide(world.drafter, proposal.id, 'approve'))).toEqual([
        404,
        'TEMPLATE_PROPOSAL_NOT_FOUND',
      ]);
      const listed = await call(testApp, 'GET', '/api/alert-templates/proposals', world.dispatcher);
      expect(listed.json<{ proposals: Proposal[] }>().proposals).toEqual([]);
      const otherSecond = await member(testApp.context, other.network.id, {
        roles: [{ role: 'coordinator' }],
      });
      expect((await decide(otherSecond, proposal.id, 'approve')).statusCode).toBe(200);
      expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
    });
  },
);
