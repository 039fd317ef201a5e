import type { Principal } from '../../modules/identity/auth/index.ts';
import type { Role } from '../../modules/identity/members/index.ts';
import type { PlatformContext } from '../../platform/context.ts';

/** The one password every demo account shares. Printed on the console: demo data only. */
export const demoPassword = 'amparo-demo-only-2026';
export const demoEmailDomain = 'demo.amparo.invalid';

export interface DemoMember {
  key: string;
  memberId: string;
  displayName: string;
  email: string;
  roles: { role: Role; areaKey: string | null }[];
  /** Base32 TOTP secret, for accounts set up with an authenticator app. */
  totpSecret: string | null;
}

/**
 * What the seeds build, passed from one to the next: later seeds (reports, incidents, shifts...)
 * read the network, its areas and members from here and add their own data.
 */
export interface DemoState {
  context: PlatformContext;
  networkId: string;
  /** Area ids by key: pilsen, littleVillage, backOfTheYards, courthouse. */
  areas: Record<string, string>;
  /** Members by key: admin, coordinatorRosa, dispatcher, responderPilsen... */
  members: Record<string, DemoMember>;
  /** Acts as a member through a short-lived real session (signed out when `body` ends). */
  actAs<T>(memberKey: string, body: (principal: Principal) => Promise<T>): Promise<T>;
}

/** One module's part of the demo. Add a file per module and list it in seeds.ts. */
export interface DemoSeed {
  name: string;
  run(state: DemoState): Promise<void>;
}
