import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  NETWORK_SLUG_TAKEN: 409,
  NETWORK_NOT_FOUND: 404,
  AREA_NOT_FOUND: 404,
  AREA_IN_USE: 409,
  AREA_NAME_TAKEN: 409,
  GEOJSON_INVALID: 400,
  ZIP_UNKNOWN: 400,
});
