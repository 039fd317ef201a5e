import { get, post, put, remove } from '../../../lib/api.ts';
import type { Area, AreaList } from './types.ts';

export async function listAreas(): Promise<Area[]> {
  return (await get<AreaList>('/api/areas')).areas;
}

export function createArea(body: Record<string, unknown>): Promise<Area> {
  return post<Area>('/api/areas', body);
}

export function updateArea(areaId: string, body: Record<string, unknown>): Promise<Area> {
  return put<Area>(`/api/areas/${areaId}`, body);
}

export function deleteArea(areaId: string): Promise<unknown> {
  return remove(`/api/areas/${areaId}`);
}
