import type { DemoSeed } from './demo-state.ts';
import { membersSeed } from './members.seed.ts';
import { networkSeed } from './network.seed.ts';
import { respondersSeed } from './responders.seed.ts';

/**
 * The demo, in order. A module adds its own `<module>.seed.ts` beside these (reports, incidents,
 * shifts...) and one line here; it reads the network, areas and members from the DemoState.
 */
export const demoSeeds: readonly DemoSeed[] = [networkSeed, membersSeed, respondersSeed];
