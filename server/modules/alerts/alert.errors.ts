import { registerErrorCodes } from '../../platform/errors/app-error.ts';

registerErrorCodes({
  ALERT_NOT_FOUND: 404,
  INCIDENT_NOT_FOUND: 404,
  NETWORK_NOT_FOUND: 404,
  /** Drafting from (or approving for) an incident that is not verified, without the override. */
  ALERT_INCIDENT_NOT_VERIFIED: 409,
  /** A false alarm, a closed or merged incident: no alert, not even with an override. */
  ALERT_INCIDENT_NOT_ALERTABLE: 409,
  ALERT_INCIDENT_UNLOCATED: 409,
  ALERT_OVERRIDE_UNCONFIRMED: 409,
  ALERT_OVERRIDE_NOT_REQUESTED: 409,
  ALERT_OVERRIDE_SELF_CONFIRMATION: 403,
  ALERT_SELF_APPROVAL: 403,
  ALERT_AREA_NOT_COVERED: 403,
  ALERT_NOT_DRAFT: 409,
  ALERT_NOT_LIVE: 409,
  ALERT_CAP_REACHED: 429,
  ALERTS_STOPPED: 423,
  TEMPLATE_TOO_LONG: 400,
  TEMPLATE_INVALID: 400,
  TEMPLATE_LANGUAGE_NOT_OFFERED: 400,
  TWILIO_SIGNATURE_INVALID: 403,
});
