import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';

/**
 * A network's alerting activity for the deployment operator (ADR 0032): deliveries still on
 * their way and the stop switch, never an alert's text or a recipient.
 */
export async function countAlertingActivity(
  db: Kysely<Database>,
  networkId: string,
): Promise<{ queuedDeliveries: number; isStopSwitchOn: boolean }> {
  const [deliveries, stopSwitch] = await Promise.all([
    db
      .selectFrom('alert_deliveries')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('network_id', '=', networkId)
      .where('status', 'in', ['pending', 'held', 'sending', 'uncertain'])
      .executeTakeFirst(),
    db
      .selectFrom('alert_stop_switches')
      .select('is_stopped')
      .where('network_id', '=', networkId)
      .executeTakeFirst(),
  ]);
  return {
    queuedDeliveries: Number(deliveries?.count ?? 0),
    isStopSwitchOn: Number(stopSwitch?.is_stopped ?? 0) === 1,
  };
}
