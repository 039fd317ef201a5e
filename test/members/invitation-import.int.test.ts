import os from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIdentityJobs } from '../../server/modules/identity/index.ts';
import { createJobRegistry, createJobWorker } from '../../server/platform/jobs/index.ts';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { newSecretToken } from '../../server/platform/ids/ids.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { startFakeSmtp } from '../alerts/support/fake-smtp.ts';
import type { FakeSmtp } from '../alerts/support/fake-smtp.ts';
import { waitFor } from '../alerts/support/alert-world.ts';
import { buildArea } from '../support/factories.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { call, dispatchWorld, outcome, person, pilsen } from '../dispatch/support.ts';
import type { DispatchWorld, Person } from '../dispatch/support.ts';

const header = 'name,contact,roles,areas,languages';
const badCsv = [
  header,
  'Ana Ruiz,ana@example.org,responder,Pilsen,es',
  ',nobody@example.org,responder,,en',
  'Beto,not-an-address,responder,,en',
  'Carla,+13125550142,pilot,,en',
  'Dana,dana@example.org,responder,Atlantis,en',
  'Eli,ANA@example.org,dispatcher,,xx',
  'Fran,fran@example.org,coordinator,,en',
].join('\n');
const goodCsv = [
  header,
  '"Ruiz, Ana",ana@example.org,responder;advocate,Pilsen,es',
  'Carla,+1 (312) 555-0142,responder,Pilsen,en',
].join('\n');

describeEachDatabase(
  'volunteers imported from a CSV: preview row by row, then invitations by email and SMS',
  (dialect) => {
    let testApp: TestApp;
    let world: DispatchWorld;
    let smtp: FakeSmtp;
    let twilio: FakeTwilio;
    let worker: JobWorker;
    let areaCoordinator: Person;
    beforeAll(async () => {
      smtp = await startFakeSmtp();
      twilio = await startFakeTwilio();
      testApp = await createTestApp(dialect, {
        SMTP_URL: smtp.url,
        TWILIO_API_BASE: twilio.url,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM: '+13125550100',
      });
      world = await dispatchWorld(testApp);
      await testApp.context.database.db
        .updateTable('areas')
        .set({ name: 'Pilsen' })
        .where('id', '=', world.area.id)
        .execute();
      const other = await buildArea(testApp.context, world.network.id, {
        name: 'Little Village',
        center: pilsen,
      });
      areaCoordinator = await person(
        testApp.context,
        world.network.id,
        [{ role: 'coordinator', areaId: other.id }],
        {
          withTotp: true,
        },
      );
      worker = createJobWorker({
        db: testApp.context.database.db,
        dialect: testApp.context.database.dialect,
        postgresUrl: testApp.context.database.postgres?.url,
        registry: createJobRegistry(createIdentityJobs(testApp.context)),
        clock: systemClock,
        logger: createLogger('silent'),
        concurrency: 2,
        pollMs: 50,
        workerId: `test:${os.hostname()}:${newSecretToken(4)}`,
      });
      await worker.start();
    });
    afterAll(async () => {
      await worker.stop();
      await testApp.close();
      await Promise.all([smtp.close(), twilio.close()]);
    });

    const countInvitations = async () =>
      (await testApp.context.database.db.selectFrom('invitations').select('id').execute()).length;

    it('lists each bad row with its problems, and stores nothing', async () => {
      const response = await call(testApp, 'POST', '/api/invitation-imports/preview', world.coordinator, {
        csv: badCsv,
      });
      expect(response.statusCode).toBe(200);
      const preview = response.json<{
        rows: { line: number; problems: { column: string; problem: string }[]; channel: string | null }[];
        validCount: number;
        invalidCount: number;
      }>();
      const problems = preview.rows.map((row) => [row.line, row.problems.map((item) => item.problem)]);
      expect(problems).toEqual([
        [2, []],
        [3, ['NAME_MISSING']],
        [4, ['CONTACT_INVALID']],
        [5, ['ROLE_UNKNOWN']],
        [6, ['AREA_UNKNOWN']],
        [7, ['CONTACT_DUPLICATE', 'LANGUAGE_UNSUPPORTED']],
        // A coordinator grants no coordinator: that needs an admin (and a second admin's approval).
        [8, ['ROLE_NOT_GRANTABLE']],
      ]);
      expect([preview.validCount, preview.invalidCount]).toEqual([1, 6]);
      expect(JSON.stringify(preview)).not.toContain('ana@example.org');
      expect(preview.rows[0]!.channel).toBe('email');

      expect(
        outcome(await call(testApp, 'POST', '/api/invitation-imports', world.coordinator, { csv: badCsv })),
      ).toEqual([422, 'IMPORT_HAS_ERRORS']);
      expect(await countInvitations()).toBe(0);
      expect(
        (await testApp.context.database.db.selectFrom('invitation_deliveries').select('id').execute()).length,
      ).toBe(0);
    });

    it('refuses files that are not a volunteers CSV, too long, and callers who may not invite', async () => {
      const send = (who: Person, csv: string) =>
        call(testApp, 'POST', '/api/invitation-imports/preview', who, { csv });
      expect(outcome(await send(world.coordinator, 'just,some\nwords,here'))).toEqual([
        422,
        'IMPORT_HEADER_INVALID',
      ]);
      expect(outcome(await send(world.coordinator, header + '\n'))).toEqual([422, 'IMPORT_EMPTY']);
      expect(outcome(await send(world.coordinator, header + '\n"unclosed,quote'))).toEqual([
        422,
        'IMPORT_MALFORMED',
      ]);
      const manyRows = [
        header,
        ...Array.from({ length: 201 }, (_, index) => `P${index},p${index}@example.org,responder,,en`),
      ];
      expect(outcome(await send(world.coordinator, manyRows.join('\n')))).toEqual([
        413,
        'IMPORT_TOO_MANY_ROWS',
      ]);
      expect(outcome(await send(world.coordinator, 'x'.repeat(70_000)))).toEqual([400, 'VALIDATION_FAILED']);
      expect(outcome(await send(world.dispatcher, goodCsv))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await call(testApp, 'POST', '/api/invitation-imports', null, { csv: goodCsv }))[0]).toBe(
        401,
      );
      // A coordinator limited to another area cannot invite into Pilsen.
      const limited = await send(areaCoordinator, goodCsv);
      expect(
        limited
          .json<{ rows: { problems: { problem: string }[] }[] }>()
          .rows.map((row) => row.problems[0]?.problem),
      ).toEqual(['ROLE_NOT_GRANTABLE', 'ROLE_NOT_GRANTABLE']);
    });

    it('sends a good file: one invitation per row, by email and by text, in the row language; nothing left behind', async () => {
      const response = await call(testApp, 'POST', '/api/invitation-imports', world.coordinator, {
        csv: goodCsv,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ invited: 2, byChannel: { email: 1, sms: 1 } });
      expect(await countInvitations()).toBe(2);
      await waitFor(
        () => smtp.messages.length + twilio.messages.length,
        (count) => count === 2,
      );
      const mail = smtp.messages[0]!;
      expect(mail.to).toEqual(['ana@example.org']);
      expect(mail.text).toMatch(/Le invitan/); // Spanish, the row's language
      expect(mail.text).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
      const text = twilio.messages[0]!;
      expect(text.to).toBe('+13125550142');
      expect(text.body).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
      await waitFor(
        async () =>
          (await testApp.context.database.db.selectFrom('invitation_deliveries').select('id').execute())
            .length,
        (count) => count === 0,
      );
      const invitation = await testApp.context.database.db
        .selectFrom('invitations')
        .select('roles')
        .orderBy('created_at')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(invitation.roles)).toEqual([
        { role: 'responder', areaId: world.area.id },
        { role: 'advocate', areaId: world.area.id },
      ]);
      const audit = await testApp.context.database.db
        .selectFrom('audit_log')
        .select('metadata')
        .where('action', '=', 'member.invitationsImported')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.metadata).not.toContain('ana@example.org');
    });
  },
);

describeEachDatabase('volunteers imported from a CSV on a server without email', (dialect) => {
  let testApp: TestApp;
  let world: DispatchWorld;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    world = await dispatchWorld(testApp);
  });
  afterAll(() => testApp.close());

  it('says in the preview that an email row cannot be sent, and sends nothing', async () => {
    const csv = `${header}\nAna,ana@example.org,responder,,en\n`;
    const preview = await call(testApp, 'POST', '/api/invitation-imports/preview', world.coordinator, {
      csv,
    });
    expect(preview.json<{ rows: { problems: { problem: string }[] }[] }>().rows[0]!.problems).toEqual([
      { column: 'contact', problem: 'CHANNEL_UNAVAILABLE' },
    ]);
    expect(
      outcome(await call(testApp, 'POST', '/api/invitation-imports', world.coordinator, { csv })),
    ).toEqual([422, 'IMPORT_HAS_ERRORS']);
  });
});
