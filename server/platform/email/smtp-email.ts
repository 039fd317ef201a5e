import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

export interface OutboundEmail {
  to: string;
  /** `<id@host>`; the same on every attempt of one delivery, so a resend is recognisably the same mail. */
  messageId?: string;
  subject: string;
  text: string;
  /** Extra headers such as List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * `retryable`: a temporary refusal (4xx) or no connection. `permanent`: the server refused the
 * message or the address (5xx). `ambiguous`: the connection broke after the message was sent.
 */
export type EmailFailureKind = 'retryable' | 'permanent' | 'ambiguous';

export class EmailSendError extends Error {
  override name = 'EmailSendError';
  constructor(
    message: string,
    readonly kind: EmailFailureKind,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export interface EmailSender {
  send(message: OutboundEmail): Promise<{ messageId: string }>;
  close(): void;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  smtpUrl: string;
  /** The From header, e.g. `Amparo <alerts@example.org>`. */
  from: string;
  timeoutMs?: number;
}

/** Sends through any SMTP server with nodemailer; a network runs its own or uses a relay. */
export function createSmtpEmailSender(settings: SmtpSettings): EmailSender {
  const timeout = settings.timeoutMs ?? 15_000;
  const options: SMTPTransport.Options = {
    url: settings.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Closing destroys the socket at once (an aborted send must not linger in a polite QUIT).
    socketCloseTimeout: 0,
  };
  const transport = nodemailer.createTransport(options);
  return {
    async send(message) {
      try {
        const info = (await transport.sendMail({
          from: settings.from,
          to: message.to,
          ...(message.messageId ? { messageId: message.messageId } : {}),
          subject: message.subject,
          text: message.text,
          headers: message.headers,
          // Nothing that would make a message more trackable or bigger than it needs to be.
          disableFileAccess: true,
          disableUrlAccess: true,
          // A wall-clock deadline: nodemailer's own timeouts are per phase and idle-only, so a
          // server trickling its replies would hold the send; the abort closes the connection.
          signal: AbortSignal.timeout(timeout),
        })) as { messageId?: string };
        return { messageId: info.messageId ?? '' };
      } catch (error) {
        throw classify(error);
      }
    },
    close: () => transport.close(),
  };
}

function classify(error: unknown): EmailSendError {
  const { responseCode, code, command } = (error ?? {}) as {
    responseCode?: number;
    code?: string;
    command?: string;
  };
  if (typeof responseCode === 'number') {
    const kind = responseCode >= 500 ? 'permanent' : 'retryable';
    return new EmailSendError(`SMTP server answered ${responseCode}`, kind, responseCode);
  }
  // Past the wall-clock deadline: where the conversation stood is unknown, so the server may have it.
  if (code === 'EABORT') return new EmailSendError('SMTP send ran past its deadline', 'ambiguous');
  // A timeout or reset while the message body was on the wire: the server may have taken it.
  if ((code === 'ETIMEDOUT' || code === 'ECONNECTION' || code === 'ESOCKET') && command === 'DATA') {
    return new EmailSendError('SMTP connection lost during the message', 'ambiguous');
  }
  return new EmailSendError(`SMTP server unreachable${code ? ` (${code})` : ''}`, 'retryable');
}
