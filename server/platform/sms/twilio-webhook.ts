import twilioWebhooks from 'twilio/lib/webhooks/webhooks.js';
import twilio from 'twilio';

/**
 * Checks `X-Twilio-Signature` (HMAC-SHA1 over the full webhook URL and the sorted POST params)
 * with Twilio's own implementation. `url` must be the public URL Twilio called, query included.
 */
export function isValidTwilioSignature(input: {
  authToken: string;
  signature: string | undefined;
  url: string;
  params: Record<string, string>;
}): boolean {
  if (!input.signature || input.signature.length > 200) return false;
  return twilioWebhooks.validateRequest(input.authToken, input.signature, input.url, input.params);
}

/** Computes the signature Twilio would send (for tests and local gateways). */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  return twilioWebhooks.getExpectedTwilioSignature(authToken, url, params);
}

/** A TwiML reply with zero or more messages; text is XML-escaped by the builder. */
export function twimlMessages(messages: string[]): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of messages) response.message(message);
  return response.toString();
}
