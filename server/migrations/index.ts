import type { Migration } from 'kysely';
import * as foundation from './2026_11_29_0001_foundation.ts';
import * as identity from './2026_11_29_0002_identity.ts';
import * as auth from './2026_11_29_0003_auth.ts';
import * as intake from './2026_11_29_0004_intake.ts';
import * as audit from './2026_11_29_0007_audit.ts';
import * as alerts from './2026_11_29_0009_alerts.ts';
import * as hotline from './2026_11_29_0010_hotline.ts';
import * as dispatch from './2026_11_29_0011_dispatch.ts';
import * as memberRecovery from './2026_11_29_0012_member_recovery.ts';
import * as evidenceExports from './2026_11_29_0013_evidence_exports.ts';
import * as roundSubscriberPoints from './2026_11_29_0014_round_subscriber_points.ts';
import * as passkeyNames from './2026_11_29_0015_passkey_names.ts';
import * as frozenAlertContent from './2026_11_29_0016_frozen_alert_content.ts';
import * as privilegeNeedsTwo from './2026_11_29_0017_privilege_needs_two.ts';
import * as sideDoors from './2026_11_29_0018_side_doors.ts';
import * as outsiderLimits from './2026_11_29_0020_outsider_limits.ts';
import * as deliveryResilience from './2026_11_29_0019_delivery_resilience.ts';
import * as responderContactVerification from './2026_11_29_0021_responder_contact_verification.ts';
import * as passkeyStepUp from './2026_11_29_0022_passkey_step_up.ts';
import * as rotaAndPaging from './2026_11_29_0024_rota_and_paging.ts';
import * as fieldResilience from './2026_11_29_0025_field_resilience.ts';
import * as stopSwitchReasons from './2026_11_29_0026_stop_switch_reasons.ts';
import * as coalition from './2026_11_29_0027_coalition.ts';
import * as gazetteer from './2026_11_29_0030_gazetteer.ts';
import * as voiceLine from './2026_11_29_0029_voice_line.ts';
import * as courtWatch from './2026_11_29_0031_court_watch.ts';
import * as publicPagesAndRetention from './2026_11_29_0028_public_pages_and_retention.ts';
import * as retentionCounts from './2026_11_29_0028_retention_counts.ts';
import * as locationUncertainty from './2026_11_29_0030_location_uncertainty.ts';
import * as retentionLegalHolds from './2026_11_29_0028_retention_legal_holds.ts';
import * as watchCalendarFeeds from './2026_11_29_0031_watch_calendar_feeds.ts';
import * as watchAttendance from './2026_11_29_0031_watch_attendance.ts';

/** Every migration, in order. Names are permanent once shipped. */
export const migrations: Record<string, Migration> = {
  '2026_11_29_0001_foundation': foundation,
  '2026_11_29_0002_identity': identity,
  '2026_11_29_0003_auth': auth,
  '2026_11_29_0004_intake': intake,
  '2026_11_29_0007_audit': audit,
  '2026_11_29_0009_alerts': alerts,
  '2026_11_29_0010_hotline': hotline,
  '2026_11_29_0011_dispatch': dispatch,
  '2026_11_29_0012_member_recovery': memberRecovery,
  '2026_11_29_0013_evidence_exports': evidenceExports,
  '2026_11_29_0014_round_subscriber_points': roundSubscriberPoints,
  '2026_11_29_0015_passkey_names': passkeyNames,
  '2026_11_29_0016_frozen_alert_content': frozenAlertContent,
  '2026_11_29_0017_privilege_needs_two': privilegeNeedsTwo,
  '2026_11_29_0018_side_doors': sideDoors,
  '2026_11_29_0020_outsider_limits': outsiderLimits,
  '2026_11_29_0019_delivery_resilience': deliveryResilience,
  '2026_11_29_0021_responder_contact_verification': responderContactVerification,
  '2026_11_29_0022_passkey_step_up': passkeyStepUp,
  '2026_11_29_0024_rota_and_paging': rotaAndPaging,
  '2026_11_29_0025_field_resilience': fieldResilience,
  '2026_11_29_0026_stop_switch_reasons': stopSwitchReasons,
  '2026_11_29_0027_coalition': coalition,
  '2026_11_29_0030_gazetteer': gazetteer,
  '2026_11_29_0029_voice_line': voiceLine,
  '2026_11_29_0031_court_watch': courtWatch,
  '2026_11_29_0028_public_pages_and_retention': publicPagesAndRetention,
  '2026_11_29_0028_retention_counts': retentionCounts,
  '2026_11_29_0030_location_uncertainty': locationUncertainty,
  '2026_11_29_0028_retention_legal_holds': retentionLegalHolds,
  '2026_11_29_0031_watch_calendar_feeds': watchCalendarFeeds,
  '2026_11_29_0031_watch_attendance': watchAttendance,
};
