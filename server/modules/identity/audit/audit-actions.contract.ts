/**
 * The catalogue of audit actions: `<module>.<pastTense>`, or `<thing>.read` / `<thing>Read` for an
 * audited read of a sensitive record. recordAudit accepts only these, so a typo fails type-check.
 *
 * To add an action, append ONE line to your module's group. Keep each action a fact about one
 * object; its metadata holds ids and internal values only, never names, contacts or notes.
 */
export const auditActions = [
  // networks and areas
  'network.created',
  'network.updated',
  'area.created',
  'area.updated',
  'area.deleted',
  // members, invitations and roles
  'member.invited',
  'member.invitationRevoked',
  'member.invitationsImported',
  'member.joined',
  'member.vetted',
  'member.roleGranted',
  'member.roleRevoked',
  'member.privilegeGrantRequested',
  'member.privilegeGrantApproved',
  'member.suspended',
  'member.reinstated',
  'member.removed',
  'member.updated',
  'member.recoveryLinkCreated',
  'member.recoveryLinkApproved',
  'member.recovered',
  // sign-in and sessions
  'setup.completed',
  'session.started',
  'session.ended',
  'session.revoked',
  'auth.signInFailed',
  'auth.passwordChanged',
  'auth.secondFactorEnrolled',
  'auth.secondFactorRemoved',
  'auth.passkeyRenamed',
  'auth.stepUp',
  'auth.stepUpFailed',
  // the audit trail and the keys
  'audit.browsed',
  'audit.verified',
  'keys.rotated',
  'keys.retired',
  // reports and incidents
  'report.entered',
  'incident.statusChanged',
  'incident.expired',
  'incident.claimed',
  'incident.claimTakenOver',
  'incident.claimReleased',
  'incident.merged',
  'incident.split',
  'incident.noteAdded',
  'incident.withheldFromPublic',
  'incident.publishedAgain',
  'report.messageSent',
  'intake.floodModeChanged',
  // responders, dispatch and evidence
  'responder.trainingRecorded',
  'dispatch.offerSent',
  'dispatch.offerAccepted',
  'dispatch.offerDeclined',
  'dispatch.offerExpired',
  'dispatch.offerCancelled',
  'dispatch.statusReported',
  'dispatch.outcomeReported',
  'rota.shiftAdded',
  'rota.shiftRemoved',
  'rota.exceptionAdded',
  'rota.exceptionRemoved',
  'paging.paged',
  'paging.acknowledged',
  'evidence.received',
  'evidence.exported',
  'evidence.exportRequested',
  'evidence.exportApproved',
  'evidence.sharedCopyRead',
  'evidence.legalHoldPlaced',
  'evidence.legalHoldReviewed',
  'evidence.legalHoldLifted',
  // alerts and subscriptions
  'alert.drafted',
  'alert.overrideRequested',
  'alert.overrideConfirmed',
  'alert.correctionDrafted',
  'alert.approved',
  'alert.cancelled',
  'alert.stopSwitchOn',
  'alert.stopSwitchOff',
  // alert.cancelled, alert.templateUpdated and alert.templateReset are no longer written (ADR 0018:
  // no one-person cancel, no direct template edit); kept so older entries stay typed.
  'alert.templateUpdated',
  'alert.templateReset',
  'alert.rerendered',
  'alert.cancellationDrafted',
  'alert.retracted',
  'alert.retractionReviewed',
  'alert.templateProposed',
  'alert.templateApproved',
  'alert.templateRejected',
  'subscriber.exerciseRecipientChanged',
  'report.tipReleased',
  'report.tipPurged',
  // audited reads of sensitive records
  'sensitive.read',
  'member.contactRead',
  'case.read',
  'report.contactRead',
  'alert.areaSwitchOn',
  'alert.areaSwitchOff',
  // the deployment operator (ADR 0032)
  'operator.created',
  'operator.setUp',
  'operator.signedIn',
  'operator.signInFailed',
  'operator.networkCreated',
  'network.suspended',
  'network.resumed',
  // the network's gazetteer and street list (issue 25)
  'gazetteer.placesImported',
  'gazetteer.streetsImported',
  // court and check-in watch (issue 19)
  'watch.siteCreated',
  'watch.siteUpdated',
  'watch.shiftCreated',
  'watch.shiftDateSkipped',
  'watch.signedUp',
  'watch.signupCancelled',
  'watch.signupPromoted',
  'incident.placed',
  'watch.calendarFeedCreated',
  'watch.calendarFeedRevoked',
  'watch.checkedIn',
  'watch.checkedOut',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** The actions that record a read of a sensitive record (see recordSensitiveRead). */
export type SensitiveReadAction = Extract<AuditAction, `${string}.read` | `${string}Read`>;

const known = new Set<string>(auditActions);

export function isAuditAction(value: string): value is AuditAction {
  return known.has(value);
}
