// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  GazetteerImported,
  GazetteerImportPreview,
  GazetteerView,
  ImportFormat,
  ImportProblemRow,
  LocateAnswer,
  LocatedPlaceView,
  PlaceView,
} from '../../../../../server/modules/intake/places/place.contract.ts';
