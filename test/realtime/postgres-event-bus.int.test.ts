import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/platform/log/logger.ts';
import { EventTooLargeError } from '../../server/platform/realtime/event-payload.ts';
import type { DomainEvent } from '../../server/platform/realtime/events.ts';
import { createPostgresEventBus } from '../../server/platform/realtime/postgres-event-bus.ts';
import type { PostgresEventBus } from '../../server/platform/realtime/postgres-event-bus.ts';
import { createTestDatabase, postgresTestUrl } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';

function event(type: string, data: Record<string, unknown> = {}): DomainEvent {
  return { type, networkId: 'network-1', rooms: ['network:network-1'], data, occurredAt: Date.now() };
}

function collect(bus: PostgresEventBus): DomainEvent[] {
  const received: DomainEvent[] = [];
  bus.subscribe((received_) => received.push(received_));
  return received;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresTestUrl)('PostgreSQL event bus (LISTEN/NOTIFY)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function database(): Promise<TestDatabase> {
    const handle = await createTestDatabase('postgres', { migrate: false });
    cleanups.push(() => handle.destroy());
    return handle;
  }

  async function bus(handle: TestDatabase, options: { applicationName?: string; logLines?: string[] } = {}) {
    const logger = createLogger('info', { write: (line: string) => options.logLines?.push(line) });
    const created = createPostgresEventBus({
      url: postgresTestUrl!,
      schema: handle.postgres!.schema,
      logger,
      applicationName: options.applicationName,
    });
    await created.ready;
    cleanups.push(() => created.close());
    return created;
  }

  it('delivers to every process on the schema, itself included, only after commit', async () => {
    const handle = await database();
    const writer = await bus(handle);
    const other = await bus(handle);
    const seenByWriter = collect(writer);
    const seenByOther = collect(other);
    await handle.db.transaction().execute(async (trx) => {
      await writer.stageInTransaction(trx, [event('test.first'), event('test.second')]);
      await sleep(200);
      expect(seenByWriter).toHaveLength(0);
      expect(seenByOther).toHaveLength(0);
    });
    await expect.poll(() => seenByOther.length).toBe(2);
    await expect.poll(() => seenByWriter.length).toBe(2);
    expect(seenByOther.map((received) => received.type)).toEqual(['test.first', 'test.second']);
    expect(seenByOther[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenByOther[0]!.id).toBe(seenByWriter[0]!.id);
    writer.publishAfterCommit([event('test.ignored')]);
    await sleep(100);
    expect(seenByOther).toHaveLength(2);
  });

  it('delivers in commit order, not staging order, and nothing from a rollback', async () => {
    const handle = await database();
    const writer = await bus(handle);
    const received = collect(await bus(handle));
    let releaseEarly: () => void = () => undefined;
    const early = handle.db.transaction().execute(async (trx) => {
      await writer.stageInTransaction(trx, [event('test.stagedFirst')]);
      await new Promise<void>((resolve) => (releaseEarly = resolve));
    });
    await sleep(50);
    await handle.db
      .transaction()
      .execute((trx) => writer.stageInTransaction(trx, [event('test.stagedSecond')]));
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await writer.stageInTransaction(trx, [event('test.rolledBack')]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    releaseEarly();
    await early;
    await expect.poll(() => received.length).toBe(2);
    await sleep(100);
    expect(received.map((delivered) => delivered.type)).toEqual(['test.stagedSecond', 'test.stagedFirst']);
  });

  it('keeps deployments on different schemas apart', async () => {
    const first = await database();
    const second = await database();
    const firstBus = await bus(first);
    const secondBus = await bus(second);
    expect(firstBus.channel).not.toBe(secondBus.channel);
    const heardOnSecond = collect(secondBus);
    await first.db.transaction().execute((trx) => firstBus.stageInTransaction(trx, [event('test.first')]));
    await second.db.transaction().execute((trx) => secondBus.stageInTransaction(trx, [event('test.marker')]));
    await expect.poll(() => heardOnSecond.length).toBe(1);
    expect(heardOnSecond[0]!.type).toBe('test.marker');
  });

  it('refuses an event too large for NOTIFY at stage time', async () => {
    const handle = await database();
    const writer = await bus(handle);
    await expect(
      handle.db
        .transaction()
        .execute((trx) => writer.stageInTransaction(trx, [event('test.huge', { text: 'x'.repeat(8000) })])),
    ).rejects.toThrow(EventTooLargeError);
  });

  it('reconnects after losing its connection, signals missed events, and logs no payloads', async () => {
    const handle = await database();
    const logLines: string[] = [];
    const applicationName = `amparo-events-test-${handle.postgres!.schema}`;
    const listener = await bus(handle, { applicationName, logLines });
    const received = collect(listener);
    let missedSignals = 0;
    listener.onMissedEvents(() => (missedSignals += 1));
    const secret = 'payload-marker-5551234567';

    await sql`select pg_notify(${listener.channel}, ${`{"not":"an event ${secret}"`})`.execute(handle.db);
    const terminated = await sql<{ count: number }>`
      select count(pg_terminate_backend(pid))::int as count from pg_stat_activity
      where application_name = ${applicationName}`.execute(handle.db);
    expect(terminated.rows[0]!.count).toBe(1);
    await expect.poll(() => missedSignals, { timeout: 5000 }).toBe(1);

    const writer = await bus(handle);
    await handle.db
      .transaction()
      .execute((trx) => writer.stageInTransaction(trx, [event('test.afterReconnect', { secret })]));
    await expect.poll(() => received.map((delivered) => delivered.type)).toEqual(['test.afterReconnect']);
    const logs = logLines.join('\n');
    expect(logs).toContain('ignored a malformed realtime event');
    expect(logs).toContain('reconnecting');
    expect(logs).not.toContain(secret);
  });
});
