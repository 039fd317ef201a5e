// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  IncidentDetail,
  IncidentRole,
  IncidentStatus,
  NoteList,
  PlacedIncident,
  PresentedIncident,
  PresentedNote,
  PublicWithholding,
  QueuePage,
  ReportCategory,
  SplitAnswer,
  TimelineReport,
} from '../../../../../server/modules/intake/incidents/incident.contract.ts';
export type {
  OperatorReportBody,
  OperatorReportReceipt,
} from '../../../../../server/modules/intake/reports/report.contract.ts';
