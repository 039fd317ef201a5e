import type { Principal } from '../../modules/identity/auth/index.ts';
import { startSession } from '../../modules/identity/auth/index.ts';
import { findNetworkById } from '../../modules/identity/networks/index.ts';
import { hasAnyNetwork } from '../../modules/identity/setup/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { SavedDemo } from './demo-file.ts';
import type { DemoState } from './demo-state.ts';
import { createAuthDeps, resolvePrincipal, signOut } from './module-services.ts';
import { putDemoRespondersOnCall } from './responders.seed.ts';
import { demoSeeds } from './seeds.ts';

/**
 * Seeds the demo network into an empty database, through the modules' own services (so the demo
 * also exercises validation, encryption and the audit chain). Returns null when any network exists:
 * the demo never mixes with real data.
 */
export async function seedDemo(context: PlatformContext): Promise<DemoState | null> {
  if (await hasAnyNetwork(context.database.db)) return null;
  const state = createDemoState(context);
  for (const seed of demoSeeds) await seed.run(state);
  return state;
}

/**
 * A demo seeded earlier, started again: its responders go back on call near their areas (a
 * shared location lasts 30 minutes). Null when the database is not that demo.
 */
export async function resumeDemo(context: PlatformContext, saved: SavedDemo): Promise<DemoState | null> {
  if (!(await findNetworkById(context.database.db, saved.networkId))) return null;
  const state = createDemoState(context);
  Object.assign(state, { networkId: saved.networkId, areas: saved.areas, members: saved.members });
  await putDemoRespondersOnCall(state);
  return state;
}

function createDemoState(context: PlatformContext): DemoState {
  const authDeps = createAuthDeps(context);
  const state: DemoState = {
    context,
    networkId: '',
    areas: {},
    members: {},
    async actAs<T>(memberKey: string, body: (principal: Principal) => Promise<T>): Promise<T> {
      const member = state.members[memberKey];
      if (!member) throw new Error(`Demo member ${memberKey} is not seeded yet`);
      const { token } = await startSession(
        context,
        context.database.db,
        { id: member.memberId, networkId: state.networkId },
        // The seeder acts for its members server-side, as if each had just used their passkey.
        { secondFactor: 'passkey' },
      );
      const principal = await resolvePrincipal(
        { db: context.database.db, clock: context.clock, accounts: context.ports.memberAccounts },
        token,
      );
      if (!principal) throw new Error(`Demo member ${memberKey} could not act`);
      try {
        return await body(principal);
      } finally {
        await signOut(authDeps, principal);
      }
    },
  };
  return state;
}
