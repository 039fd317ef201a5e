import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  TWILIO_SIGNATURE_INVALID: 403,
  TWILIO_NOT_CONFIGURED: 503,
  REPORT_NOT_FOUND: 404,
  REPORTER_NOT_REACHABLE: 409,
});
