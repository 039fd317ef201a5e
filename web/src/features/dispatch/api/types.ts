// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  IncidentOfferList,
  OfferDetail,
  OfferStatus,
  OfferWithIncident,
  OnSceneOutcome,
  OutcomeInput,
  OwnOfferList,
  PresentedOffer,
  Suggestion,
  SuggestionList,
  WorkingOfferStatus,
} from '../../../../../server/modules/field/dispatch/dispatch.contract.ts';
export type {
  OwnResponderAnswer,
  OwnResponderProfile,
  TestPageAnswer,
} from '../../../../../server/modules/field/responders/responder.contract.ts';
