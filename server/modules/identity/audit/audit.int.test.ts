import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase } from '../../../../test/support/databases.ts';
import type { TestDatabase } from '../../../../test/support/databases.ts';
import { createManualClock } from '../../../platform/clock/clock.ts';
import { openDatabase } from '../../../platform/database/database.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { disableAppendOnlyGuards } from '../../../../test/support/audit-guards.ts';
import { recordAudit, recordSensitiveRead, systemChain, verifyAuditChain } from './index.ts';
import type { AuditAction } from './index.ts';

describeEachDatabase('audit trail', (dialect) => {
  let database: TestDatabase;
  const clock = createManualClock();
  const deps = { dialect, clock };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  async function writeEntries(networkId: string, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      clock.advance(1000);
      await database.db.transaction().execute((trx) =>
        recordAudit(deps, trx, {
          networkId,
          actorMemberId: newId(),
          action: 'member.roleGranted',
          objectType: 'member',
          objectId: newId(),
          metadata: { role: 'dispatcher', areaIds: [] },
        }),
      );
    }
  }

  async function verifyOne(networkId: string) {
    const { chains } = await verifyAuditChain({ db: database.db }, networkId);
    expect(chains).toHaveLength(1);
    return chains[0]!;
  }

  it('keeps one gapless chain per network and one for the deployment', async () => {
    const [first, second] = [newId(), newId()];
    await writeEntries(first, 3);
    await writeEntries(second, 2);
    await recordAudit(deps, database.db, { networkId: null, actorMemberId: null, action: 'keys.rotated' });
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['chain', 'seq'])
      .where('chain', 'in', [first, second, systemChain])
      .orderBy('chain')
      .orderBy('seq')
      .execute();
    expect(rows.filter((row) => row.chain === first).map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(rows.filter((row) => row.chain === second).map((row) => row.seq)).toEqual([1, 2]);
    const { chains } = await verifyAuditChain({ db: database.db });
    expect(chains.find((chain) => chain.chain === first)).toMatchObject({ entries: 3, isIntact: true });
    expect(chains.find((chain) => chain.chain === systemChain)).toMatchObject({ entries: 1, isIntact: true });
    expect(chains.every((chain) => chain.isIntact)).toBe(true);
  });

  it('leaves no entry, and no gap, when the transaction rolls back', async () => {
    const networkId = newId();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(deps, trx, { networkId, actorMemberId: null, action: 'member.removed' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyOne(networkId)).toMatchObject({ entries: 0, isIntact: true });
    await writeEntries(networkId, 1);
    expect(await verifyOne(networkId)).toMatchObject({ entries: 1, headSeq: 1, isIntact: true });
  });

  it('records sensitive reads with the field name only, and refuses unknown actions', async () => {
    const networkId = newId();
    const caseId = newId();
    await database.db.transaction().execute((trx) =>
      recordSensitiveRead(deps, trx, {
        networkId,
        actorMemberId: 'advocate-1',
        objectType: 'case',
        objectId: caseId,
        field: 'notes',
        action: 'case.read',
      }),
    );
    await recordSensitiveRead(deps, database.db, {
      networkId,
      actorMemberId: 'advocate-1',
      objectType: 'report',
      objectId: 'report-1',
      field: 'contact',
    });
    const rows = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', networkId)
      .execute();
    expect(rows.map((row) => [row.action, row.object_type, row.object_id, row.metadata])).toEqual([
      ['case.read', 'case', caseId, '{"field":"notes"}'],
      ['sensitive.read', 'report', 'report-1', '{"field":"contact"}'],
    ]);
    await expect(
      recordAudit(deps, database.db, {
        networkId,
        actorMemberId: null,
        action: 'member.hacked' as AuditAction,
      }),
    ).rejects.toThrow(/unknown audit action/);
  });

  it('refuses updates and deletes from the application (append-only)', async () => {
    const networkId = newId();
    await writeEntries(networkId, 1);
    await expect(
      database.db.updateTable('audit_log').set({ metadata: '{}' }).where('chain', '=', networkId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db.deleteFrom('audit_log').where('chain', '=', networkId).execute(),
    ).rejects.toThrow(/append-only/);
    expect(await verifyOne(networkId)).toMatchObject({ entries: 1, isIntact: true });
  });

  it('appends from 50 concurrent transactions as positions 1..50 with an intact chain', async () => {
    const networkId = newId();
    // On PostgreSQL, 50 connections really run at once; SQLite serializes the writers.
    const target = database.target;
    const handle = target.kind === 'postgres' ? openDatabase({ ...target, poolSize: 50 }) : database;
    const started = performance.now();
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          handle.db.transaction().execute(async (trx) => {
            await sql`select 1`.execute(trx);
            await recordAudit(deps, trx, {
              networkId,
              actorMemberId: `member-${index}`,
              action: 'session.started',
            });
            // Hold the transaction open a little, as a real change would.
            await new Promise((resolve) => setTimeout(resolve, 2));
          }),
        ),
      );
    } finally {
      if (handle !== database) await handle.close();
    }
    const elapsed = performance.now() - started;
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'actor_member_id'])
      .where('chain', '=', networkId)
      .orderBy('seq')
      .execute();
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(new Set(rows.map((row) => row.actor_member_id)).size).toBe(50);
    expect(await verifyOne(networkId)).toMatchObject({ entries: 50, isIntact: true, headSeq: 50 });
    console.info(`[${dialect}] 50 concurrent audit appends: ${elapsed.toFixed(0)} ms`);
  });

  it('detects an edited entry, an edited action and a deleted entry at the first broken position', async () => {
    const [edited, relabelled, deleted, untouched] = [newId(), newId(), newId(), newId()];
    for (const networkId of [edited, relabelled, deleted, untouched]) await writeEntries(networkId, 6);
    await disableAppendOnlyGuards(database.db, dialect);

    await database.db
      .updateTable('audit_log')
      .set({ metadata: JSON.stringify({ role: 'admin' }) })
      .where('chain', '=', edited)
      .where('seq', '=', 4)
      .execute();
    await database.db
      .updateTable('audit_log')
      .set({ action: 'member.roleRevoked' })
      .where('chain', '=', relabelled)
      .where('seq', '=', 2)
      .execute();
    await database.db.deleteFrom('audit_log').where('chain', '=', deleted).where('seq', '=', 3).execute();

    expect(await verifyOne(edited)).toMatchObject({ isIntact: false, firstBrokenSeq: 4, reason: /altered/ });
    expect(await verifyOne(relabelled)).toMatchObject({
      isIntact: false,
      firstBrokenSeq: 2,
      reason: /altered/,
    });
    expect(await verifyOne(deleted)).toMatchObject({ isIntact: false, firstBrokenSeq: 3, reason: /missing/ });
    expect(await verifyOne(untouched)).toMatchObject({ isIntact: true });
    const { chains } = await verifyAuditChain({ db: database.db });
    expect(
      chains
        .filter((chain) => !chain.isIntact)
        .map((chain) => chain.chain)
        .sort(),
    ).toEqual([edited, relabelled, deleted].sort());
  });
});
