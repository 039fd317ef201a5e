// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  AlertAnswer,
  AlertList,
  AlertPreview,
  AlertReaderRole,
  AlertThread,
  AreaStop,
  FrozenLanguage,
  LanguagePreview,
  PresentedAlert,
  PresentedContent,
  RetractionAnswer,
  RetractionReviewAnswer,
} from '../../../../../server/modules/alerting/alerts/alert.contract.ts';
