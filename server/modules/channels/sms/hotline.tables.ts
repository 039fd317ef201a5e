export type ConversationStage = 'awaiting_location' | 'awaiting_consent';

/** A texter's unfinished exchange with the hotline; gone after 30 minutes (retention purge). */
export interface SmsConversationsTable {
  id: string;
  network_id: string;
  /** Blind index of the texter's number (purpose reports.source), never the number itself. */
  phone_hash: string;
  stage: ConversationStage;
  language: string;
  /** JSON { description, category } of a report waiting for its location, encrypted. */
  draft_enc: string | null;
  /** The stored report a consent question is about. */
  report_id: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export type MessageDirection = 'outbound' | 'inbound';
/** message: written by a dispatcher or the reporter; outcome: the automatic outcome notice. */
export type MessageKind = 'message' | 'outcome';
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'received';

/** The two-way SMS thread between dispatchers and a consenting reporter, on an incident. */
export interface IncidentMessagesTable {
  id: string;
  network_id: string;
  incident_id: string;
  report_id: string;
  direction: MessageDirection;
  kind: MessageKind;
  /** Null once purged with the report's text. */
  body_enc: string | null;
  author_member_id: string | null;
  /** Blind index of the reporter's number (matches replies to the thread); null once the contact is deleted. */
  phone_hash: string | null;
  status: MessageStatus;
  provider_message_id: string | null;
  created_at: number;
  sent_at: number | null;
}

/**
 * Incoming-SMS webhooks already answered, by Twilio's MessageSid, with the first answer (TwiML,
 * encrypted: it may carry a status link), so a replay or a retry is answered the same way and makes
 * no second report (issue 14 §9). `answer_enc` is null while the first delivery is being handled.
 */
export interface SmsWebhookReceiptsTable {
  message_sid: string;
  answer_enc: string | null;
  received_at: number;
  purge_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    sms_webhook_receipts: SmsWebhookReceiptsTable;
    sms_conversations: SmsConversationsTable;
    incident_messages: IncidentMessagesTable;
  }
}
