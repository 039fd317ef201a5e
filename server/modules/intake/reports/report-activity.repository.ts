import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * A network's intake activity for the deployment operator (ADR 0032): two numbers, never a
 * report, a location or an incident's details.
 */
export async function countIntakeActivity(
  db: Kysely<Database>,
  networkId: string,
): Promise<{ openIncidents: number; lastReportAt: number | null }> {
  const [incidents, reports] = await Promise.all([
    db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('network_id', '=', networkId)
      .where('status', 'not in', ['closed', 'false_alarm'])
      .executeTakeFirst(),
    db
      .selectFrom('reports')
      .select((eb) => eb.fn.max('created_at').as('last'))
      .where('network_id', '=', networkId)
      .executeTakeFirst(),
  ]);
  const last = reports?.last;
  return {
    openIncidents: Number(incidents?.count ?? 0),
    lastReportAt: last === null || last === undefined ? null : Number(last),
  };
}
