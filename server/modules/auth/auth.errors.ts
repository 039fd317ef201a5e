import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  /** Unknown email, wrong password, or a member who may not sign in: one answer for all. */
  SIGN_IN_FAILED: 401,
  /** The pending sign-in token is unknown, used, expired, or had too many wrong codes. */
  SIGN_IN_EXPIRED: 401,
  /**
   * A wrong authenticator code or a passkey assertion that does not verify. 400, not 401: the
   * session or pending sign-in is still good, and clients treat 401 as "signed out".
   */
  SECOND_FACTOR_FAILED: 400,
  /** An authenticator code that was already used (each code works once). */
  TOTP_REPLAYED: 400,
  TOTP_ALREADY_ENROLLED: 409,
  TOTP_NOT_STARTED: 409,
  PASSKEY_REGISTRATION_FAILED: 400,
  PASSKEY_ALREADY_REGISTERED: 409,
  /** Not one of the caller's own passkeys (another member's answers the same as a missing one). */
  PASSKEY_NOT_FOUND: 404,
});
