import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHotlineJobs } from '../../server/modules/channels/sms/index.ts';
import { reportStatusPath } from '../../server/modules/intake/index.ts';
import { t } from '../../server/platform/i18n/index.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildMember, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';
import {
  buildHotlineNetwork,
  buildReachableReport,
  createHotlineApp,
  jobContextFor,
  publicUrl,
  sendText,
  twimlTexts,
} from './support.ts';

describeEachDatabase('closing the loop with reporters', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
    testApp = await createHotlineApp(dialect, {
      twilioApiBase: twilio.url,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
    });
  });
  afterAll(async () => {
    await testApp.close();
    await twilio.close();
  });

  /** Runs every queued job of `name` once, as the worker would. */
  async function runJobs(name: string): Promise<number> {
    const rows = await testApp.database.db
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('name', '=', name)
      .where('status', '=', 'pending')
      .execute();
    const job = createHotlineJobs(testApp.context).find((definition) => definition.name === name);
    if (!job) throw new Error(`no job ${name}`);
    for (const row of rows) {
      await job.handle(job.payload.parse(JSON.parse(row.payload)), jobContextFor(testApp));
      await testApp.database.db
        .updateTable('jobs')
        .set({ status: 'done' })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  }

  async function staff(networkId: string, role: 'dispatcher' | 'responder'): Promise<SignedIn> {
    const member = await buildMember(testApp.context, { networkId, roles: [{ role }], withTotp: true });
    return signIn(testApp.context, member);
  }

  it('lets a dispatcher text a consenting reporter and threads the reply', async () => {
    const { network, hotline } = await buildHotlineNetwork(testApp.context);
    const report = await buildReachableReport(testApp.context, network.id, { language: 'es' });
    const dispatcher = await staff(network.id, 'dispatcher');
    const url = `/api/incidents/${report.incidentId}/messages`;

    const sent = await testApp.app.inject({
      method: 'POST',
      url,
      headers: dispatcher.headers,
      payload: { reportId: report.reportId, body: '¿Siguen ahí las camionetas?' },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ message: { direction: 'outbound', status: 'queued' } });
    expect(await runJobs('hotline.sendMessage')).toBe(1);
    expect(twilio.messages.at(-1)).toMatchObject({
      to: report.phone,
      body: t('es', 'sms.dispatcherMessage', {
        networkName: network.name,
        body: '¿Siguen ahí las camionetas?',
      }),
    });

    // The reporter answers on the hotline: it joins the thread instead of becoming a report.
    const reply = await sendText(testApp, {
      from: report.phone,
      to: hotline,
      body: 'Sí, siguen en la esquina',
    });
    expect(twimlTexts(reply)).toEqual([t('es', 'sms.replyPassedOn', { networkName: network.name })]);
    const reports = await testApp.database.db
      .selectFrom('reports')
      .select('id')
      .where('network_id', '=', network.id)
      .execute();
    expect(reports).toHaveLength(1);

    const thread = await testApp.app.inject({ method: 'GET', url, headers: dispatcher.headers });
    expect(thread.statusCode).toBe(200);
    const { messages } = thread.json<{ messages: { direction: string; body: string; status: string }[] }>();
    expect(messages.map((message) => [message.direction, message.body, message.status])).toEqual([
      ['outbound', '¿Siguen ahí las camionetas?', 'sent'],
      ['inbound', 'Sí, siguen en la esquina', 'received'],
    ]);
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata'])
      .where('chain', '=', network.id)
      .where('action', 'in', ['report.messageSent', 'sensitive.read'])
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['report.messageSent', 'sensitive.read']);
    // Audit metadata holds ids, never the message or the number.
    expect(JSON.stringify(audit)).not.toContain('camionetas');
    expect(JSON.stringify(audit)).not.toContain(report.phone.slice(-7));
  });

  it('refuses to text a reporter who did not consent, a too-long body, and callers without the role', async () => {
    const { network } = await buildHotlineNetwork(testApp.context);
    const reachable = await buildReachableReport(testApp.context, network.id);
    await testApp.database.db
      .updateTable('reports')
      .set({ contact_consent: 0, callback_contact_enc: null })
      .where('id', '=', reachable.reportId)
      .execute();
    const dispatcher = await staff(network.id, 'dispatcher');
    const url = `/api/incidents/${reachable.incidentId}/messages`;
    const post = async (headers: Record<string, string>, payload: Record<string, unknown>) => {
      const response = await testApp.app.inject({ method: 'POST', url, headers, payload });
      return {
        statusCode: response.statusCode,
        code: response.json<{ error?: { code: string } }>().error?.code,
      };
    };

    const unreachable = await post(dispatcher.headers, { reportId: reachable.reportId, body: 'hello' });
    expect(unreachable).toEqual({ statusCode: 409, code: 'REPORTER_NOT_REACHABLE' });
    const tooLong = await post(dispatcher.headers, { reportId: reachable.reportId, body: 'x'.repeat(481) });
    expect(tooLong).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const responder = await staff(network.id, 'responder');
    expect((await post(responder.headers, { reportId: reachable.reportId, body: 'hello' })).statusCode).toBe(
      403,
    );

    // Another incident's report cannot be addressed through this incident.
    const other = await buildReachableReport(testApp.context, network.id);
    const mismatched = await post(dispatcher.headers, { reportId: other.reportId, body: 'hello' });
    expect(mismatched).toEqual({ statusCode: 404, code: 'REPORT_NOT_FOUND' });
  });

  it('tells consenting reporters the outcome in their language, linking only to their own report status', async () => {
    const { network } = await buildHotlineNetwork(testApp.context);
    const report = await buildReachableReport(testApp.context, network.id, { language: 'es' });
    const dispatcher = await staff(network.id, 'dispatcher');
    const move = (status: string) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/incidents/${report.incidentId}/status`,
        headers: dispatcher.headers,
        payload: { status },
      });
    expect((await move('verifying')).statusCode).toBe(200);
    expect(await runJobs('reports.notifyOutcome')).toBe(0);
    expect((await move('false_alarm')).statusCode).toBe(200);
    const before = twilio.messages.length;
    expect(await runJobs('reports.notifyOutcome')).toBe(1);
    // The link is the reporter's own status page, never the incident's (which other reports share).
    const ownStatus = reportStatusPath(testApp.context.crypto, network.slug, report.reportId);
    const link = `${publicUrl}${ownStatus}`;
    expect(twilio.messages.slice(before)).toEqual([
      expect.objectContaining({
        to: report.phone,
        body: t('es', 'sms.outcomeFalseAlarm', { networkName: network.name, link }),
      }),
    ]);
    expect(twilio.messages.at(-1)?.body).not.toContain(report.incidentPublicId);
    const statusPage = await testApp.app.inject({ method: 'GET', url: `${ownStatus}?lang=es` });
    expect(statusPage.statusCode).toBe(200);
    expect(statusPage.body).not.toContain(report.incidentPublicId);
    // The notice is in the thread, and a retried job does not text again.
    const notices = await testApp.database.db
      .selectFrom('incident_messages')
      .select(['kind', 'status'])
      .where('incident_id', '=', report.incidentId)
      .execute();
    expect(notices).toEqual([{ kind: 'outcome', status: 'sent' }]);
    const job = createHotlineJobs(testApp.context).find(
      (definition) => definition.name === 'reports.notifyOutcome',
    );
    await job?.handle({ incidentId: report.incidentId, outcome: 'false_alarm' }, jobContextFor(testApp));
    expect(twilio.messages.length).toBe(before + 1);
  });
});
