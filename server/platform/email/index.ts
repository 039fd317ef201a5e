/** Outbound email over SMTP (nodemailer) behind a small interface; SMTP_URL picks the server. */
export { createSmtpEmailSender, EmailSendError } from './smtp-email.ts';
export type { EmailFailureKind, EmailSender, OutboundEmail, SmtpSettings } from './smtp-email.ts';
