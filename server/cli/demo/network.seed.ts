import { memberDepsFrom } from '../../modules/identity/members/index.ts';
import { createFirstNetwork } from '../../modules/identity/setup/index.ts';
import { demoEmailDomain, demoPassword } from './demo-state.ts';
import type { DemoSeed } from './demo-state.ts';
import { createArea } from './module-services.ts';
import type { AreaInput } from './module-services.ts';
import { enrollDemoTotp } from './second-factor.ts';

export const demoNetworkName = 'Red de Respuesta Rápida — Demo';
export const demoNetworkSlug = 'demo-rrn';

/** The network, its admin (with an authenticator app) and four areas on Chicago's Southwest Side. */
export const networkSeed: DemoSeed = {
  name: 'network and areas',
  async run(state) {
    const email = `demo-admin@${demoEmailDomain}`;
    const displayName = 'Demo Admin';
    const created = await createFirstNetwork(memberDepsFrom(state.context), {
      setupToken: null,
      startSession: false,
      input: {
        networkName: demoNetworkName,
        slug: demoNetworkSlug,
        timezone: 'America/Chicago',
        languages: ['es', 'en', 'ar'],
        adminDisplayName: displayName,
        email,
        password: demoPassword,
      },
    });
    state.networkId = created.networkId;
    state.members.admin = {
      key: 'admin',
      memberId: created.memberId,
      displayName,
      email,
      roles: [{ role: 'admin', areaKey: null }],
      totpSecret: null,
    };
    // Changing areas needs an admin with a second factor, exactly as in the web app.
    await enrollDemoTotp(state, 'admin');
    const deps = {
      db: state.context.database.db,
      dialect: state.context.database.dialect,
      clock: state.context.clock,
      events: state.context.events,
    };
    await state.actAs('admin', async (admin) => {
      const areas: { key: string; input: AreaInput }[] = [
        { key: 'pilsen', input: { name: 'Pilsen', kind: 'zips', zips: ['60608'] } },
        { key: 'littleVillage', input: { name: 'Little Village', kind: 'zips', zips: ['60623'] } },
        { key: 'backOfTheYards', input: { name: 'Back of the Yards', kind: 'zips', zips: ['60609'] } },
        {
          key: 'courthouse',
          // Around the Cook County criminal courthouse at 26th Street and California Avenue.
          input: {
            name: 'Cook County courthouse (26th & California)',
            kind: 'circle',
            center: { lat: 41.8446, lon: -87.6955 },
            radiusMeters: 400,
          },
        },
      ];
      for (const area of areas) {
        state.areas[area.key] = (await createArea(deps, admin, area.input)).id;
      }
    });
  },
};
