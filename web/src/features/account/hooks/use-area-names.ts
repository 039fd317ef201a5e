import { useResource } from '../../../lib/resource.ts';
import { listAreas } from '../../admin/api/areas.ts';
import type { AreaName } from '../grants.ts';

const noAreas: AreaName[] = [];

/** The network's areas (names only), for "limited to an area" choices; none if they cannot load. */
export function useAreaNames(): AreaName[] {
  const areas = useResource(
    async () => (await listAreas()).map((area) => ({ id: area.id, name: area.name })),
    [],
  );
  return areas.data ?? noAreas;
}
