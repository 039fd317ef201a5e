import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: do not import application code here.
// Issue 14, items 6, 8 and 9.
// - hotline_numbers: every network's SMS hotline numbers, normalized to E.164, unique across the
//   deployment (a network can no longer list another network's number and receive its texters).
//   Filled from each network's `hotlineNumbers` setting, oldest network first: where two networks
//   listed the same number, the one that was already receiving its texts keeps it.
// - sms_webhook_receipts: the MessageSid of every incoming-SMS webhook answered, with that first
//   answer (encrypted by the app), so a replayed or retried webhook is answered the same way and
//   makes no second report. Purged by retention.
// - tip_status_decoys: the status link a weaponized tip's sender was given, answering like an
//   unattended report's (new, then expired) so the sender is never told the tip was caught. Only
//   what a real incident's public page shows: category, ZIP and times.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hotline_numbers')
    .addColumn('number', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('hotline_numbers_network_idx')
    .on('hotline_numbers')
    .column('network_id')
    .execute();

  const networks = await sql<{ id: string; settings: string; created_at: number | string }>`
    select id, settings, created_at from networks order by created_at, id
  `.execute(db);
  const taken = new Set<string>();
  for (const network of networks.rows) {
    for (const number of hotlineNumbersOf(network.settings)) {
      if (taken.has(number)) continue;
      taken.add(number);
      await sql`insert into hotline_numbers (number, network_id, created_at)
        values (${number}, ${network.id}, ${Number(network.created_at)})`.execute(db);
    }
  }

  await db.schema
    .createTable('sms_webhook_receipts')
    .addColumn('message_sid', 'text', (column) => column.primaryKey())
    // Null while the first delivery is being handled.
    .addColumn('answer_enc', 'text')
    .addColumn('received_at', 'bigint', (column) => column.notNull())
    .addColumn('purge_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('tip_status_decoys')
    .addColumn('public_id', 'text', (column) => column.primaryKey())
    .addColumn('network_id', 'text', (column) => column.notNull().references('networks.id'))
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('zip', 'text')
    .addColumn('first_report_at', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('sms_webhook_receipts_purge_idx')
    .on('sms_webhook_receipts')
    .column('purge_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tip_status_decoys').execute();
  await db.schema.dropTable('sms_webhook_receipts').execute();
  await db.schema.dropTable('hotline_numbers').execute();
}

/** The normalization the app used in 2026-11 (channels/sms/hotline-numbers.ts), copied here frozen. */
function hotlineNumbersOf(settings: string): string[] {
  try {
    const list = (JSON.parse(settings) as { hotlineNumbers?: unknown }).hotlineNumbers;
    if (!Array.isArray(list)) return [];
    return list
      .filter((item): item is string => typeof item === 'string')
      .map((value) => {
        const digits = value.replace(/[^0-9]/g, '');
        return digits.length === 10 ? `+1${digits}` : `+${digits}`;
      });
  } catch {
    return [];
  }
}
