import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase } from '../../../../test/support/databases.ts';
import type { TestDatabase } from '../../../../test/support/databases.ts';
import { createManualClock } from '../../../platform/clock/clock.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { createNetwork, findNetworkById, findNetworkBySlug, getNetworkSettings } from './index.ts';

function uniqueSlug(prefix = 'net'): string {
  return `${prefix}-${newId().replace(/-/g, '').slice(-12)}`;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}

describeEachDatabase('createNetwork and network lookups', (dialect) => {
  let database: TestDatabase;
  const clock = createManualClock();
  const deps = { clock, dialect };
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  it('creates a network with default languages, audits it, and finds it by id and slug', async () => {
    const slug = uniqueSlug();
    const network = await database.db.transaction().execute((trx) =>
      createNetwork(deps, trx, {
        name: '  Pilsen Rapid Response ',
        slug: slug.toUpperCase(),
        timezone: 'America/Chicago',
      }),
    );
    expect(network).toMatchObject({
      slug,
      name: 'Pilsen Rapid Response',
      timezone: 'America/Chicago',
      languages: ['en', 'es'],
    });
    expect(await findNetworkById(database.db, network.id)).toEqual(network);
    expect(await findNetworkBySlug(database.db, slug)).toEqual(network);
    expect(await findNetworkById(database.db, newId())).toBeNull();
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', network.id)
      .execute();
    expect(audit.map((entry) => [entry.action, entry.object_id])).toEqual([['network.created', network.id]]);
    expect(JSON.parse(audit[0]?.metadata ?? '{}')).toEqual({ slug });
  });

  it('refuses a taken slug with NETWORK_SLUG_TAKEN and rolls nothing half-way', async () => {
    const slug = uniqueSlug();
    await createNetwork(deps, database.db, { name: 'First', slug, timezone: 'UTC', languages: ['es'] });
    expect(await codeOf(createNetwork(deps, database.db, { name: 'Second', slug, timezone: 'UTC' }))).toBe(
      'NETWORK_SLUG_TAKEN',
    );
    const rows = await database.db.selectFrom('networks').select('name').where('slug', '=', slug).execute();
    expect(rows).toEqual([{ name: 'First' }]);
  });

  it.each([
    [{ name: 'X', slug: uniqueSlug(), timezone: 'America/Chicago' }],
    [{ name: 'Valid name', slug: 'ab', timezone: 'America/Chicago' }],
    [{ name: 'Valid name', slug: 'has space', timezone: 'America/Chicago' }],
    [{ name: 'Valid name', slug: '-leading', timezone: 'America/Chicago' }],
    [{ name: 'Valid name', slug: uniqueSlug(), timezone: 'Mars/Olympus_Mons' }],
    [{ name: 'Valid name', slug: uniqueSlug(), timezone: 'America/Chicago', languages: ['de'] }],
    [{ name: 'Valid name', slug: uniqueSlug(), timezone: 'America/Chicago', languages: ['en', 'en'] }],
    [{ name: 'Valid name', slug: uniqueSlug(), timezone: 'America/Chicago', languages: [] }],
  ])('rejects %j with VALIDATION_FAILED', async (input) => {
    expect(await codeOf(createNetwork(deps, database.db, input as never))).toBe('VALIDATION_FAILED');
  });

  it('fills every setting with its default and keeps valid stored values', async () => {
    const network = await createNetwork(deps, database.db, {
      name: 'Settings',
      slug: uniqueSlug(),
      timezone: 'UTC',
    });
    expect(await getNetworkSettings(database.db, network.id)).toEqual({
      clusteringRadiusMeters: 500,
      clusteringWindowMinutes: 60,
      unverifiedIncidentExpiryHours: 12,
      reportTextRetentionDays: 30,
      reporterContactRetentionHoursAfterClose: 0,
      alertCapPerAreaPerHour: 3,
      smsPerSecond: 1,
      privilegeCoolingOffHours: 24,
      alertExpiryHoursUrgent: 6,
      alertExpiryHoursUpdate: 24,
      hotlineNumbers: [],
      isOfferEscalationOn: true,
      pageUnclaimedAfterMinutes: 5,
      escalateUnclaimedAfterMinutes: 15,
      publicationDelayMinutes: 0,
    });
    await database.db
      .updateTable('networks')
      .set({ settings: JSON.stringify({ alertCapPerAreaPerHour: 5, reportTextRetentionDays: -4 }) })
      .where('id', '=', network.id)
      .execute();
    const settings = await getNetworkSettings(database.db, network.id);
    expect(settings.alertCapPerAreaPerHour).toBe(5);
    expect(settings.reportTextRetentionDays).toBe(30);
    expect(await codeOf(getNetworkSettings(database.db, newId()))).toBe('NETWORK_NOT_FOUND');
  });
});
