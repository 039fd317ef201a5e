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
}

describeEachDatabase('alert templates: edit, reset, preview', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const put = (who: SignedInMember | null, body: Record<string, unknown>) =>
    call(testApp, 'PUT', '/api/alert-templates', who, body);
  const reset = (who: SignedInMember | null, language: string, key: string) =>
    testApp.app.inject({
      method: 'DELETE',
      url: `/api/alert-templates/${language}/${key}`,
      headers: who?.session.headers ?? {},
    });
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
      .select(['action', 'object_id'])
      .where('chain', '=', networkId)
      .where('object_type', '=', 'alertTemplate')
      .orderBy('seq')
      .execute();
    return rows.map((row) => `${row.action} ${row.object_id}`);
  }

  it('lets a network-wide coordinator save and reset a template, audited', async () => {
    const world = await buildAlertWorld(testApp);
    const body = 'Agentes cerca de {place} a las {time}. {details}';
    const saved = await put(world.drafter, { key: 'alert.home', language: 'es', body: `  ${body} ` });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ template: Template }>().template).toMatchObject({ body, isDefault: false });
    const edited = (await templatesOf(world)).find(
      (entry) => entry.key === 'alert.home' && entry.language === 'es',
    );
    expect(edited).toMatchObject({ body, isDefault: false });

    const restored = await reset(world.admin, 'es', 'alert.home');
    expect(restored.statusCode).toBe(200);
    const restoredTemplate = restored.json<{ template: Template }>().template;
    expect(restoredTemplate.isDefault).toBe(true);
    expect(restoredTemplate.body).not.toBe(body);
    expect(restoredTemplate.body).toContain('{place}');
    expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
    expect(await auditActionsOf(world.network.id)).toEqual([
      'alert.templateUpdated alert.home:es',
      'alert.templateReset alert.home:es',
    ]);
  });

  it('refuses other roles, area-limited coordinators and members without a second factor', async () => {
    const world = await buildAlertWorld(testApp);
    const body = { key: 'update', language: 'en', body: 'UPDATE near {place}.' };
    const noSecondFactor = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator' }],
      withTotp: false,
    });
    const responder = await member(testApp.context, world.network.id, { roles: [{ role: 'responder' }] });
    expect(outcome(await put(null, body))).toEqual([401, 'UNAUTHENTICATED']);
    expect(outcome(await put(world.dispatcher, body))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await put(responder, body))).toEqual([403, 'FORBIDDEN']);
    // world.approver's coordinator grant is limited to one area.
    expect(outcome(await put(world.approver, body))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await reset(world.approver, 'en', 'update'))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await preview(world.dispatcher, body))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await put(noSecondFactor, body))).toEqual([403, 'SECOND_FACTOR_REQUIRED']);
    expect(await auditActionsOf(world.network.id)).toEqual([]);
  });

  it('answers bad templates with stable codes and leaves the stored text alone', async () => {
    const world = await buildAlertWorld(testApp, { languages: ['en', 'es'] });
    const save = (changes: Record<string, unknown>) =>
      put(world.drafter, { key: 'allClear', language: 'en', body: 'All clear near {place}.', ...changes });
    expect(outcome(await save({ body: 'z'.repeat(481) }))).toEqual([400, 'TEMPLATE_TOO_LONG']);
    expect(outcome(await save({ body: 'Near {place} {name}' }))).toEqual([400, 'TEMPLATE_INVALID']);
    expect(outcome(await save({ body: 'Near {place' }))).toEqual([400, 'TEMPLATE_INVALID']);
    expect(outcome(await save({ language: 'ar' }))).toEqual([400, 'TEMPLATE_LANGUAGE_NOT_OFFERED']);
    expect(outcome(await save({ key: 'alert.unknown' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await save({ extra: true }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await reset(world.drafter, 'en', 'nope'))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await reset(world.drafter, 'ar', 'update'))).toEqual([
      400,
      'TEMPLATE_LANGUAGE_NOT_OFFERED',
    ]);
    expect(outcome(await preview(world.drafter, { key: 'update', language: 'en', body: '{x}' }))).toEqual([
      400,
      'TEMPLATE_INVALID',
    ]);
    expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
    expect(await auditActionsOf(world.network.id)).toEqual([]);
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

  it("keeps another network's templates apart", async () => {
    const world = await buildAlertWorld(testApp);
    const other = await buildAlertWorld(testApp);
    expect(
      (await put(other.drafter, { key: 'update', language: 'en', body: 'Other {place}' })).statusCode,
    ).toBe(200);
    expect((await templatesOf(world)).every((entry) => entry.isDefault)).toBe(true);
    expect((await reset(world.drafter, 'en', 'update')).statusCode).toBe(200);
    const others = await templatesOf(other);
    expect(others.find((entry) => entry.key === 'update' && entry.language === 'en')?.body).toBe(
      'Other {place}',
    );
  });
});
