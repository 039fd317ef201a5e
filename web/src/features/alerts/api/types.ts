// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  AlertAnswer,
  AlertDeliveryStatus,
  AlertList,
  AlertPreview,
  AlertReaderRole,
  AlertThread,
  AreaStop,
  DraftAlertInput,
  ChannelDeliveryStatus,
  DeliveryChannel,
  FrozenLanguage,
  LanguagePreview,
  PresentedAlert,
  PresentedContent,
  RetractionAnswer,
  RetractionReviewAnswer,
} from '../../../../../server/modules/alerting/alerts/alert.contract.ts';
