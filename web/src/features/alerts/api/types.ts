/** An alert as listed and previewed (GET /api/alerts, GET /api/alerts/:alertId/preview). */
export interface Alert {
  id: string;
  state: string;
  status: string;
  kind: string;
  category: string;
  draftedBy: string;
  draftedAt: number;
  approvedBy: string | null;
}

/** One language of an alert's preview. */
export interface LanguagePreview {
  language: string;
  headline: string;
  text: string;
  sms: string;
  smsSegments: { segments: number };
  recipients: number;
}

/** GET /api/alerts/:alertId/preview. */
export interface AlertPreview {
  alert: Alert;
  languages: LanguagePreview[];
  recipients: { total: number };
}

/** One message of an alert's thread (GET /api/alerts/:alertId/thread). */
export interface ThreadAlert {
  id: string;
  kind: 'alert' | 'correction' | 'cancellation';
  state: 'draft' | 'approved';
  referencesAlertId: string | null;
  freeText: Record<string, string>;
  draftedAt: number;
  approvedAt: number | null;
  supersededAt: number | null;
  cancelledAt: number | null;
}
