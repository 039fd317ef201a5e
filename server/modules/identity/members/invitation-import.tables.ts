/**
 * An invitation imported from a CSV, waiting for its email or text message: the address and the
 * link (which holds the invitation's secret token) encrypted, deleted as soon as it is sent.
 */
export interface InvitationDeliveriesTable {
  id: string;
  network_id: string;
  invitation_id: string;
  channel: 'email' | 'sms';
  language: string;
  address_enc: string;
  link_enc: string;
  created_by: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    invitation_deliveries: InvitationDeliveriesTable;
  }
}
