import { newId } from '../../server/platform/ids/ids.ts';
import type { Role } from '../../server/modules/identity/members/index.ts';
import type { FactoryContext } from '../support/factories.ts';

/** A pending privilege grant row as if `requestedBy` had asked for it (ADR 0019). */
export async function buildPrivilegeGrant(
  context: FactoryContext,
  options: { networkId: string; memberId: string; requestedBy: string; role?: Role; areaId?: string | null },
): Promise<{ id: string }> {
  const id = newId();
  await context.database.db
    .insertInto('privilege_grants')
    .values({
      id,
      network_id: options.networkId,
      member_id: options.memberId,
      role: options.role ?? 'coordinator',
      area_id: options.areaId ?? null,
      state: 'pending',
      requested_by: options.requestedBy,
      requested_at: context.clock.now(),
      decided_by: null,
      decided_at: null,
    })
    .execute();
  return { id };
}
