// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  ApprovedPrivilegeGrant,
  ChangedRoles,
  CreatedInvitation,
  CreatedRecoveryLink,
  ExerciseRecipientChange,
  MemberListing,
  MemberSummary,
  PendingInvitation,
  PendingInvitationList,
  PendingPrivilegeGrantList,
  RecoveryApproval,
} from '../../../../../server/modules/identity/members/member.contract.ts';
export type { RevokedSessions } from '../../../../../server/modules/identity/auth/auth.contract.ts';
export type {
  PresentedTraining,
  RosterEntry,
  RosterPage,
  TrainingInput,
} from '../../../../../server/modules/field/responders/responder.contract.ts';
export type {
  ImportPreview,
  ImportRowPreview,
  ImportSent,
} from '../../../../../server/modules/identity/members/invitation-import.contract.ts';
