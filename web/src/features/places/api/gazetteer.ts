import { get, post } from '../../../lib/api.ts';
import type {
  GazetteerImported,
  GazetteerImportPreview,
  GazetteerView,
  ImportFormat,
  LocateAnswer,
} from './types.ts';

/** Which list a file replaces: the named places, or the street centerlines. */
export type GazetteerList = 'places' | 'streets';

export function getGazetteer(): Promise<GazetteerView> {
  return get<GazetteerView>('/api/gazetteer');
}

export function previewGazetteerImport(
  list: GazetteerList,
  format: ImportFormat,
  text: string,
): Promise<GazetteerImportPreview> {
  return post<GazetteerImportPreview>(`/api/gazetteer/${list}/preview`, { format, text });
}

export function importGazetteerList(
  list: GazetteerList,
  format: ImportFormat,
  text: string,
): Promise<GazetteerImported> {
  return post<GazetteerImported>(`/api/gazetteer/${list}`, { format, text });
}

export function locatePlace(text: string): Promise<LocateAnswer> {
  return post<LocateAnswer>('/api/gazetteer/locate', { text });
}
