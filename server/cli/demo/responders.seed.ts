import type { DemoSeed, DemoState } from './demo-state.ts';
import { responderDepsFrom, setOwnAvailability, shareOwnLocation } from './module-services.ts';

/**
 * Where each demo responder waits, near the middle of their first area. Someone trying the demo
 * is rarely in Chicago: with the browser's real position the dispatcher would find nobody near.
 */
const waitingPlaces: Record<string, { lat: number; lon: number }> = {
  responderPilsen: { lat: 41.8564, lon: -87.6604 },
  responderLittleVillage: { lat: 41.8445, lon: -87.7134 },
  responderBackOfTheYards: { lat: 41.8093, lon: -87.6531 },
};

/**
 * Puts the demo responders on call with a shared location, as each would in the responder app.
 * A shared location lasts 30 minutes, so `amparo demo` does this again on every start.
 */
export async function putDemoRespondersOnCall(state: DemoState): Promise<void> {
  const deps = responderDepsFrom(state.context);
  for (const [key, place] of Object.entries(waitingPlaces)) {
    if (!state.members[key]) continue;
    await state.actAs(key, async (principal) => {
      await setOwnAvailability(deps, principal, { isOnCall: true });
      await shareOwnLocation(deps, principal, place);
    });
  }
}

export const respondersSeed: DemoSeed = { name: 'responders on call', run: putDemoRespondersOnCall };
