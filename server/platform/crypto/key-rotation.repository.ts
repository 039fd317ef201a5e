import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DialectName } from '../database/database.ts';
import type { Database } from '../database/schema.ts';
import type { EncryptedColumn } from './encrypted-columns.ts';

/*
 * Queries over columns named at run time (the encrypted-column registry), so they are written with
 * sql.table / sql.ref, which quote identifiers; values are always bound parameters.
 */
export interface EnvelopeRow {
  id: string;
  value: string;
}

/** The next batch of non-null values that do not start with `prefix`, in id order after `afterId`. */
export async function findEnvelopesWithoutPrefix(
  db: Kysely<Database>,
  column: EncryptedColumn,
  prefix: string,
  afterId: string | null,
  limit: number,
): Promise<EnvelopeRow[]> {
  const id = sql.ref(column.idColumn);
  const value = sql.ref(column.column);
  const after = afterId === null ? sql`` : sql`and ${id} > ${afterId}`;
  const result = await sql<EnvelopeRow>`
    select ${id} as id, ${value} as value from ${sql.table(column.table)}
    where ${value} is not null and substr(${value}, 1, ${prefix.length}) <> ${prefix} ${after}
    order by ${id} limit ${limit}`.execute(db);
  return result.rows;
}

/** Swaps one envelope for another only if the row still holds the old one (a concurrent edit wins). */
export async function replaceEnvelope(
  db: Kysely<Database>,
  column: EncryptedColumn,
  rowId: string,
  previous: string,
  next: string,
): Promise<boolean> {
  const result = await sql`
    update ${sql.table(column.table)} set ${sql.ref(column.column)} = ${next}
    where ${sql.ref(column.idColumn)} = ${rowId} and ${sql.ref(column.column)} = ${previous}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** How many values in `table.column` start with `prefix`. */
export async function countEnvelopesWithPrefix(
  db: Kysely<Database>,
  table: string,
  column: string,
  prefix: string,
): Promise<number> {
  const value = sql.ref(column);
  const result = await sql<{ count: number | string }>`
    select count(*) as count from ${sql.table(table)}
    where substr(${value}, 1, ${prefix.length}) = ${prefix}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/** Every `<table>.<column>` in the current schema whose column name ends in `_enc`. */
export async function findEnvelopeColumnsInSchema(
  db: Kysely<Database>,
  dialect: DialectName,
): Promise<{ table: string; column: string }[]> {
  if (dialect === 'postgres') {
    const result = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = current_schema() and right(column_name, 4) = '_enc'
      order by table_name, column_name`.execute(db);
    return result.rows;
  }
  const result = await sql<{ table: string; column: string }>`
    select m.name as "table", p.name as "column"
    from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and substr(p.name, -4) = '_enc'
    order by m.name, p.name`.execute(db);
  return result.rows;
}
