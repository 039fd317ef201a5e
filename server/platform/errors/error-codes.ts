/**
 * Every stable error code, its HTTP status and where its message lives in the catalogs
 * (locales/<language>/<namespace>.json). Clients and tests match on the code; nothing else maps
 * codes to statuses. Every code has a message in every language (checked by catalogs.test.ts).
 */
export const errorCodes = {
  // platform
  VALIDATION_FAILED: { status: 400, message: 'errors.VALIDATION_FAILED' },
  BODY_TOO_LARGE: { status: 413, message: 'errors.BODY_TOO_LARGE' },
  /** A form or webhook body with more parameters than any real client sends. */
  TOO_MANY_PARAMETERS: { status: 413, message: 'errors.TOO_MANY_PARAMETERS' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'errors.UNSUPPORTED_MEDIA_TYPE' },
  MALFORMED_BODY: { status: 400, message: 'errors.MALFORMED_BODY' },
  MALFORMED_URL: { status: 400, message: 'errors.MALFORMED_URL' },
  PRECONDITION_FAILED: { status: 412, message: 'errors.PRECONDITION_FAILED' },
  NOT_FOUND: { status: 404, message: 'errors.NOT_FOUND' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'errors.METHOD_NOT_ALLOWED' },
  UNAUTHENTICATED: { status: 401, message: 'errors.UNAUTHENTICATED' },
  FORBIDDEN: { status: 403, message: 'errors.FORBIDDEN' },
  CSRF_FAILED: { status: 403, message: 'errors.CSRF_FAILED' },
  STEP_UP_REQUIRED: { status: 403, message: 'errors.STEP_UP_REQUIRED' },
  SECOND_FACTOR_REQUIRED: { status: 403, message: 'errors.SECOND_FACTOR_REQUIRED' },
  /** Approving or administering without a registered passkey (ADR 0026). */
  PASSKEY_REQUIRED: { status: 403, message: 'errors.PASSKEY_REQUIRED' },
  /** Approving or administering after an authenticator code, or a stale passkey proof (ADR 0026). */
  PASSKEY_STEP_UP_REQUIRED: { status: 403, message: 'errors.PASSKEY_STEP_UP_REQUIRED' },
  CONFLICT: { status: 409, message: 'errors.CONFLICT' },
  RATE_LIMITED: { status: 429, message: 'errors.RATE_LIMITED' },
  SETUP_ALREADY_DONE: { status: 409, message: 'errors.SETUP_ALREADY_DONE' },
  SETUP_TOKEN_INVALID: { status: 403, message: 'errors.SETUP_TOKEN_INVALID' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'errors.SERVICE_UNAVAILABLE' },
  INTERNAL: { status: 500, message: 'errors.INTERNAL' },
  // sealed mode (ADR 0030)
  SERVER_SEALED: { status: 503, message: 'errors.SERVER_SEALED' },
  UNSEAL_PASSPHRASE_WRONG: { status: 403, message: 'errors.UNSEAL_PASSPHRASE_WRONG' },
  UNSEAL_RATE_LIMITED: { status: 429, message: 'errors.UNSEAL_RATE_LIMITED' },
  // alerting
  ALERT_NOT_FOUND: { status: 404, message: 'alerts.error.ALERT_NOT_FOUND' },
  INCIDENT_NOT_FOUND: { status: 404, message: 'app-field.error.INCIDENT_NOT_FOUND' },
  NETWORK_NOT_FOUND: { status: 404, message: 'errors.NETWORK_NOT_FOUND' },
  /** Drafting from (or approving for) an incident that is not verified, without the override. */
  ALERT_INCIDENT_NOT_VERIFIED: { status: 409, message: 'alerts.error.ALERT_INCIDENT_NOT_VERIFIED' },
  /** A false alarm, a closed or merged incident: no alert, not even with an override. */
  ALERT_INCIDENT_NOT_ALERTABLE: { status: 409, message: 'alerts.error.ALERT_INCIDENT_NOT_ALERTABLE' },
  ALERT_INCIDENT_UNLOCATED: { status: 409, message: 'alerts.error.ALERT_INCIDENT_UNLOCATED' },
  ALERT_OVERRIDE_UNCONFIRMED: { status: 409, message: 'alerts.error.ALERT_OVERRIDE_UNCONFIRMED' },
  ALERT_OVERRIDE_NOT_REQUESTED: { status: 409, message: 'alerts.error.ALERT_OVERRIDE_NOT_REQUESTED' },
  ALERT_OVERRIDE_SELF_CONFIRMATION: { status: 403, message: 'alerts.error.ALERT_OVERRIDE_SELF_CONFIRMATION' },
  ALERT_SELF_APPROVAL: { status: 403, message: 'alerts.error.ALERT_SELF_APPROVAL' },
  ALERT_AREA_NOT_COVERED: { status: 403, message: 'alerts.error.ALERT_AREA_NOT_COVERED' },
  ALERT_NOT_DRAFT: { status: 409, message: 'alerts.error.ALERT_NOT_DRAFT' },
  ALERT_NOT_LIVE: { status: 409, message: 'alerts.error.ALERT_NOT_LIVE' },
  ALERT_CAP_REACHED: { status: 429, message: 'alerts.error.ALERT_CAP_REACHED' },
  ALERTS_STOPPED: { status: 423, message: 'alerts.error.ALERTS_STOPPED' },
  /** The approval names a hash other than the frozen content's now (re-rendered), or none is frozen. */
  ALERT_CONTENT_CHANGED: { status: 409, message: 'alerts.error.ALERT_CONTENT_CHANGED' },
  /** A retraction stopped one of the alert's areas and no second coordinator has reviewed it. */
  ALERT_AREA_STOPPED: { status: 423, message: 'alerts.error.ALERT_AREA_STOPPED' },
  ALERT_NOT_RETRACTION: { status: 409, message: 'alerts.error.ALERT_NOT_RETRACTION' },
  ALERT_RETRACTION_SELF_REVIEW: { status: 403, message: 'alerts.error.ALERT_RETRACTION_SELF_REVIEW' },
  ALERT_RETRACTION_REVIEWED: { status: 409, message: 'alerts.error.ALERT_RETRACTION_REVIEWED' },
  TEMPLATE_PROPOSAL_NOT_FOUND: { status: 404, message: 'alerts.error.TEMPLATE_PROPOSAL_NOT_FOUND' },
  /** The proposer of a template change cannot approve it. */
  TEMPLATE_SELF_APPROVAL: { status: 403, message: 'alerts.error.TEMPLATE_SELF_APPROVAL' },
  /** Another change to the same template took effect after this proposal was made: diff again. */
  TEMPLATE_PROPOSAL_STALE: { status: 409, message: 'alerts.error.TEMPLATE_PROPOSAL_STALE' },
  TEMPLATE_PROPOSAL_DECIDED: { status: 409, message: 'alerts.error.TEMPLATE_PROPOSAL_DECIDED' },
  /** A proposal that changes nothing (the same text as the active one). */
  TEMPLATE_UNCHANGED: { status: 400, message: 'alerts.error.TEMPLATE_UNCHANGED' },
  TEMPLATE_TOO_LONG: { status: 400, message: 'errors.TEMPLATE_TOO_LONG' },
  TEMPLATE_INVALID: { status: 400, message: 'errors.TEMPLATE_INVALID' },
  TEMPLATE_LANGUAGE_NOT_OFFERED: { status: 400, message: 'errors.TEMPLATE_LANGUAGE_NOT_OFFERED' },
  TWILIO_SIGNATURE_INVALID: { status: 403, message: 'alerts.error.TWILIO_SIGNATURE_INVALID' },
  ZIP_UNKNOWN: { status: 400, message: 'errors.ZIP_UNKNOWN' },
  PUSH_SUBSCRIPTION_INVALID: { status: 400, message: 'subscriptions.error.PUSH_SUBSCRIPTION_INVALID' },
  CROSS_SITE_REQUEST: { status: 403, message: 'errors.CROSS_SITE_REQUEST' },
  /** An unsubscribe or confirmation link that is unknown, altered or expired. */
  SUBSCRIPTION_LINK_INVALID: { status: 404, message: 'subscriptions.error.SUBSCRIPTION_LINK_INVALID' },
  SUBSCRIBER_NOT_FOUND: { status: 404, message: 'subscriptions.error.SUBSCRIBER_NOT_FOUND' },
  // channels
  TWILIO_NOT_CONFIGURED: { status: 503, message: 'sms.error.TWILIO_NOT_CONFIGURED' },
  REPORT_NOT_FOUND: { status: 404, message: 'sms.error.REPORT_NOT_FOUND' },
  REPORTER_NOT_REACHABLE: { status: 409, message: 'sms.error.REPORTER_NOT_REACHABLE' },
  // field
  OFFER_NOT_FOUND: { status: 404, message: 'app-field.error.OFFER_NOT_FOUND' },
  OFFER_EXPIRED: { status: 409, message: 'app-field.error.OFFER_EXPIRED' },
  OFFER_NOT_PENDING: { status: 409, message: 'app-field.error.OFFER_NOT_PENDING' },
  OFFER_TRANSITION_INVALID: { status: 409, message: 'app-field.error.OFFER_TRANSITION_INVALID' },
  OUTCOME_ALREADY_REPORTED: { status: 409, message: 'app-field.error.OUTCOME_ALREADY_REPORTED' },
  /** An Idempotency-Key already used for another offer's upload. */
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: 'app-resilience.error.IDEMPOTENCY_KEY_REUSED' },
  // identity: volunteers imported from a CSV (docs/adr/0029)
  IMPORT_MALFORMED: { status: 422, message: 'app-resilience.error.IMPORT_MALFORMED' },
  IMPORT_HEADER_INVALID: { status: 422, message: 'app-resilience.error.IMPORT_HEADER_INVALID' },
  IMPORT_EMPTY: { status: 422, message: 'app-resilience.error.IMPORT_EMPTY' },
  IMPORT_TOO_MANY_ROWS: { status: 413, message: 'app-resilience.error.IMPORT_TOO_MANY_ROWS' },
  IMPORT_HAS_ERRORS: { status: 422, message: 'app-resilience.error.IMPORT_HAS_ERRORS' },
  RESPONDER_UNAVAILABLE: { status: 409, message: 'app-field.error.RESPONDER_UNAVAILABLE' },
  RESPONDER_NOT_ELIGIBLE: { status: 422, message: 'app-field.error.RESPONDER_NOT_ELIGIBLE' },
  INCIDENT_NOT_DISPATCHABLE: { status: 409, message: 'app-field.error.INCIDENT_NOT_DISPATCHABLE' },
  INCIDENT_HAS_NO_LOCATION: { status: 409, message: 'app-field.error.INCIDENT_HAS_NO_LOCATION' },
  EVIDENCE_NOT_FOUND: { status: 404, message: 'app-field.error.EVIDENCE_NOT_FOUND' },
  EVIDENCE_NO_SHARED_COPY: { status: 404, message: 'app-field.error.EVIDENCE_NO_SHARED_COPY' },
  /** Too many bytes, or too many pixels (a decompression bomb). */
  MEDIA_TOO_LARGE: { status: 413, message: 'app-field.error.MEDIA_TOO_LARGE' },
  /** Bytes that are not what they claim, that the image decoder rejects, or a malformed video box tree. */
  MEDIA_INVALID: { status: 400, message: 'app-field.error.MEDIA_INVALID' },
  /** A file type evidence does not take (only JPEG, PNG, WebP photos and MP4, WebM videos). */
  MEDIA_TYPE_UNSUPPORTED: { status: 415, message: 'app-field.error.MEDIA_TYPE_UNSUPPORTED' },
  /** A stored file failed authentication or its hash: tampering or disk damage. */
  EVIDENCE_INTEGRITY_FAILED: { status: 500, message: 'app-field.error.EVIDENCE_INTEGRITY_FAILED' },
  /** No export request with that id in the caller's reach. */
  EXPORT_NOT_FOUND: { status: 404, message: 'app-exports.error.EXPORT_NOT_FOUND' },
  /** The export has not been approved by a second person yet. */
  EXPORT_NEEDS_APPROVAL: { status: 409, message: 'app-exports.error.EXPORT_NEEDS_APPROVAL' },
  /** The requester tried to approve their own export: two different people are needed. */
  EXPORT_SELF_APPROVAL: { status: 403, message: 'app-exports.error.EXPORT_SELF_APPROVAL' },
  /** Someone already approved this export. */
  EXPORT_ALREADY_APPROVED: { status: 409, message: 'app-exports.error.EXPORT_ALREADY_APPROVED' },
  /** The request lapsed unapproved, or the download window after approval closed. */
  EXPORT_EXPIRED: { status: 410, message: 'app-exports.error.EXPORT_EXPIRED' },
  /** The bundle was already downloaded; an export is downloaded once. */
  EXPORT_ALREADY_DOWNLOADED: { status: 410, message: 'app-exports.error.EXPORT_ALREADY_DOWNLOADED' },
  /** Only the member who requested the export may download it. */
  EXPORT_NOT_REQUESTER: { status: 403, message: 'app-exports.error.EXPORT_NOT_REQUESTER' },
  RESPONDER_NOT_FOUND: { status: 404, message: 'errors.RESPONDER_NOT_FOUND' },
  RESPONDER_NOT_ON_CALL: { status: 409, message: 'errors.RESPONDER_NOT_ON_CALL' },
  RESPONDER_PHONE_TAKEN: { status: 409, message: 'errors.RESPONDER_PHONE_TAKEN' },
  /** The code typed for a new SMS number is not the one texted (issue 16). */
  RESPONDER_CODE_WRONG: { status: 400, message: 'errors.RESPONDER_CODE_WRONG' },
  /** No code waits: never asked, expired, or too many wrong tries. */
  RESPONDER_CODE_EXPIRED: { status: 409, message: 'errors.RESPONDER_CODE_EXPIRED' },
  /** A rota turn for a member who does not hold that role there (issue 16). */
  ROTA_ROLE_NOT_HELD: { status: 400, message: 'errors.ROTA_ROLE_NOT_HELD' },
  /** A page link that is not the signed-in member's, or no longer exists. */
  PAGE_NOT_FOUND: { status: 404, message: 'errors.PAGE_NOT_FOUND' },
  // identity
  /** Unknown email, wrong password, or a member who may not sign in: one answer for all. */
  SIGN_IN_FAILED: { status: 401, message: 'errors.SIGN_IN_FAILED' },
  /** The pending sign-in token is unknown, used, expired, or had too many wrong codes. */
  SIGN_IN_EXPIRED: { status: 401, message: 'app-identity.error.SIGN_IN_EXPIRED' },
  /** A wrong authenticator code or a passkey assertion that does not verify. 400, not 401: the session or pending sign-in is still good, and clients treat 401 as "signed out". */
  SECOND_FACTOR_FAILED: { status: 400, message: 'app-identity.error.SECOND_FACTOR_FAILED' },
  /** An authenticator code that was already used (each code works once). */
  TOTP_REPLAYED: { status: 400, message: 'app-identity.error.TOTP_REPLAYED' },
  TOTP_ALREADY_ENROLLED: { status: 409, message: 'app-identity.error.TOTP_ALREADY_ENROLLED' },
  TOTP_NOT_STARTED: { status: 409, message: 'app-identity.error.TOTP_NOT_STARTED' },
  PASSKEY_REGISTRATION_FAILED: { status: 400, message: 'app-identity.error.PASSKEY_REGISTRATION_FAILED' },
  PASSKEY_ALREADY_REGISTERED: { status: 409, message: 'app-identity.error.PASSKEY_ALREADY_REGISTERED' },
  /** Not one of the caller's own passkeys (another member's answers the same as a missing one). */
  PASSKEY_NOT_FOUND: { status: 404, message: 'app-identity.error.PASSKEY_NOT_FOUND' },
  MEMBER_NOT_FOUND: { status: 404, message: 'app-identity.error.MEMBER_NOT_FOUND' },
  MEMBER_REMOVED: { status: 409, message: 'app-identity.error.MEMBER_REMOVED' },
  EMAIL_TAKEN: { status: 409, message: 'errors.EMAIL_TAKEN' },
  LAST_ADMIN: { status: 409, message: 'app-identity.error.LAST_ADMIN' },
  PRIVILEGE_GRANT_NOT_FOUND: { status: 404, message: 'app-identity.error.PRIVILEGE_GRANT_NOT_FOUND' },
  PRIVILEGE_APPROVER_NOT_DIFFERENT: {
    status: 403,
    message: 'app-identity.error.PRIVILEGE_APPROVER_NOT_DIFFERENT',
  },
  PRIVILEGE_GRANT_NOT_PENDING: { status: 409, message: 'app-identity.error.PRIVILEGE_GRANT_NOT_PENDING' },
  PRIVILEGE_COOLING_OFF: { status: 403, message: 'app-identity.error.PRIVILEGE_COOLING_OFF' },
  CANNOT_VET_SELF: { status: 403, message: 'app-identity.error.CANNOT_VET_SELF' },
  ROLE_NOT_GRANTABLE: { status: 403, message: 'app-identity.error.ROLE_NOT_GRANTABLE' },
  INVITATION_INVALID: { status: 404, message: 'errors.INVITATION_INVALID' },
  INVITATION_NOT_FOUND: { status: 404, message: 'app-identity.error.INVITATION_NOT_FOUND' },
  INVITATION_USED: { status: 409, message: 'app-identity.error.INVITATION_USED' },
  INVITATION_EXPIRED: { status: 410, message: 'errors.INVITATION_EXPIRED' },
  CANNOT_RECOVER_SELF: { status: 403, message: 'app-identity.error.CANNOT_RECOVER_SELF' },
  RECOVERY_APPROVER_NOT_DIFFERENT: {
    status: 403,
    message: 'app-identity.error.RECOVERY_APPROVER_NOT_DIFFERENT',
  },
  RECOVERY_LINK_NOT_FOUND: { status: 404, message: 'app-identity.error.RECOVERY_LINK_NOT_FOUND' },
  RECOVERY_LINK_INVALID: { status: 404, message: 'recovery.error.RECOVERY_LINK_INVALID' },
  RECOVERY_LINK_USED: { status: 409, message: 'app-identity.error.RECOVERY_LINK_USED' },
  RECOVERY_LINK_NOT_APPROVED: { status: 409, message: 'recovery.error.RECOVERY_LINK_NOT_APPROVED' },
  RECOVERY_APPROVAL_NOT_NEEDED: { status: 409, message: 'app-identity.error.RECOVERY_APPROVAL_NOT_NEEDED' },
  RECOVERY_LINK_ALREADY_APPROVED: {
    status: 409,
    message: 'app-identity.error.RECOVERY_LINK_ALREADY_APPROVED',
  },
  RECOVERY_LINK_EXPIRED: { status: 410, message: 'app-identity.error.RECOVERY_LINK_EXPIRED' },
  RECOVERY_LINK_VOIDED: { status: 410, message: 'app-identity.error.RECOVERY_LINK_VOIDED' },
  NETWORK_SLUG_TAKEN: { status: 409, message: 'errors.NETWORK_SLUG_TAKEN' },
  HOTLINE_NUMBER_TAKEN: { status: 409, message: 'errors.HOTLINE_NUMBER_TAKEN' },
  AREA_NOT_FOUND: { status: 404, message: 'errors.AREA_NOT_FOUND' },
  AREA_IN_USE: { status: 409, message: 'errors.AREA_IN_USE' },
  AREA_NAME_TAKEN: { status: 409, message: 'errors.AREA_NAME_TAKEN' },
  GEOJSON_INVALID: { status: 400, message: 'errors.GEOJSON_INVALID' },
  // intake
  INCIDENT_TRANSITION_INVALID: { status: 409, message: 'app-field.error.INCIDENT_TRANSITION_INVALID' },
  INCIDENT_CLOSED: { status: 409, message: 'app-field.error.INCIDENT_CLOSED' },
  INCIDENT_CLAIMED: { status: 409, message: 'app-field.error.INCIDENT_CLAIMED' },
  INCIDENT_MERGE_INVALID: { status: 409, message: 'app-field.error.INCIDENT_MERGE_INVALID' },
  INCIDENT_SPLIT_INVALID: { status: 409, message: 'app-field.error.INCIDENT_SPLIT_INVALID' },
  LOCATION_REQUIRED: { status: 400, message: 'errors.LOCATION_REQUIRED' },
  /** A coordinator stopped one of the alert's areas with the area's stop switch. */
  ALERT_AREA_SWITCHED_OFF: { status: 423, message: 'errors.ALERT_AREA_SWITCHED_OFF' },
  // the deployment operator (ADR 0032)
  NETWORK_SUSPENDED: { status: 403, message: 'errors.NETWORK_SUSPENDED' },
  NETWORK_NOT_IN_SERVICE: { status: 503, message: 'errors.NETWORK_NOT_IN_SERVICE' },
  OPERATOR_EXISTS: { status: 409, message: 'errors.OPERATOR_EXISTS' },
  // intake: the network's gazetteer and street list (issue 25)
  GAZETTEER_FILE_MALFORMED: { status: 422, message: 'errors.GAZETTEER_FILE_MALFORMED' },
  GAZETTEER_HEADER_INVALID: { status: 422, message: 'errors.GAZETTEER_HEADER_INVALID' },
  GAZETTEER_FILE_EMPTY: { status: 422, message: 'errors.GAZETTEER_FILE_EMPTY' },
  GAZETTEER_FILE_TOO_LARGE: { status: 413, message: 'errors.GAZETTEER_FILE_TOO_LARGE' },
  GAZETTEER_IMPORT_HAS_ERRORS: { status: 422, message: 'errors.GAZETTEER_IMPORT_HAS_ERRORS' },
  // channels: the phone line (docs/adr/0035)
  VOICEMAIL_NOT_FOUND: { status: 404, message: 'errors.VOICEMAIL_NOT_FOUND' },
  // watch (issue 19)
  WATCH_RULE_INVALID: { status: 400, message: 'errors.WATCH_RULE_INVALID' },
  WATCH_ROLE_NOT_OFFERED: { status: 400, message: 'errors.WATCH_ROLE_NOT_OFFERED' },
  WATCH_OCCURRENCE_NOT_FOUND: { status: 404, message: 'errors.WATCH_OCCURRENCE_NOT_FOUND' },
  WATCH_OCCURRENCE_PAST: { status: 409, message: 'errors.WATCH_OCCURRENCE_PAST' },
  WATCH_ALREADY_SIGNED_UP: { status: 409, message: 'errors.WATCH_ALREADY_SIGNED_UP' },
  WATCH_CHECK_IN_CLOSED: { status: 409, message: 'errors.WATCH_CHECK_IN_CLOSED' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;
