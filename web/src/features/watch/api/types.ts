// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  WatchSiteInput,
  WatchSiteKind,
  WatchSitesAnswer,
  WatchSiteView,
} from '../../../../../server/modules/watch/sites/site.contract.ts';
export type {
  CoverageAnswer,
  CoverageOccurrence,
  CoverageStatus,
  CreateShiftInput,
  ScheduleAnswer,
  ScheduleOccurrence,
  SignupStatus,
  WatchOccurrence,
  WatchRole,
  WatchShiftView,
} from '../../../../../server/modules/watch/shifts/shift.contract.ts';
export type {
  CalendarFeedCreated,
  CalendarFeedState,
} from '../../../../../server/modules/watch/calendar/calendar.contract.ts';
