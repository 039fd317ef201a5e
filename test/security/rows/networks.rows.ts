import { randomUUID } from 'node:crypto';
import { freshArea } from './shared.ts';
import type { RouteRow } from '../route-matrix.ts';

/** Authorization matrix rows: network profile and areas. See test/security/route-matrix.ts for the row format. */
export const networksRows: RouteRow[] = [
  // network profile and areas
  { method: 'GET', url: '/api/network', allow: 'any-active', scope: 'own-network' },
  {
    method: 'PATCH',
    url: '/api/network',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { settings: { alertCapPerAreaPerHour: 4 } } }),
  },
  { method: 'GET', url: '/api/areas', allow: 'any-active', scope: 'own-network' },
  {
    method: 'GET',
    url: '/api/areas/:areaId',
    allow: 'any-active',
    request: (fixture) => ({ params: { areaId: fixture.areaA.id } }),
  },
  {
    method: 'POST',
    url: '/api/areas',
    allow: ['admin'],
    scope: 'own-network',
    request: () => ({ body: { name: `Area ${randomUUID()}`, kind: 'zips', zips: ['60608'] } }),
  },
  {
    method: 'PUT',
    url: '/api/areas/:areaId',
    allow: ['admin'],
    request: async (fixture) => ({
      params: { areaId: (await freshArea(fixture)).id },
      body: {
        name: `Area ${randomUUID()}`,
        kind: 'circle',
        center: { lat: 41.85, lon: -87.66 },
        radiusMeters: 900,
      },
    }),
  },
  {
    method: 'DELETE',
    url: '/api/areas/:areaId',
    allow: ['admin'],
    request: async (fixture) => ({ params: { areaId: (await freshArea(fixture)).id } }),
  },
];
