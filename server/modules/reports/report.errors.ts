import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  NETWORK_NOT_FOUND: 404,
  LOCATION_REQUIRED: 400,
  CROSS_SITE_REQUEST: 403,
});
