// The server's contracts, by type only (docs/adr/0017-contracts-and-web-app-shape.md).
export type {
  LiveCallList,
  PresentedLiveCall,
  PresentedVoicemail,
  VoicemailList,
} from '../../../../../server/modules/channels/voice/voice.contract.ts';
