import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  INCIDENT_NOT_FOUND: 404,
  INCIDENT_TRANSITION_INVALID: 409,
  INCIDENT_CLOSED: 409,
  INCIDENT_CLAIMED: 409,
  INCIDENT_MERGE_INVALID: 409,
  INCIDENT_SPLIT_INVALID: 409,
});
