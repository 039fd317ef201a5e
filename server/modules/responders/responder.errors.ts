import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  RESPONDER_NOT_FOUND: 404,
  RESPONDER_NOT_ON_CALL: 409,
  RESPONDER_PHONE_TAKEN: 409,
});
