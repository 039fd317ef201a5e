import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { defaultIncidentSettings } from '../../server/modules/intake/incidents/index.ts';
import { submitReport } from '../../server/modules/intake/reports/index.ts';
import type { NetworksTable } from '../../server/modules/identity/networks/index.ts';
import type { JobContext } from '../../server/platform/jobs/index.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import type { DialectName } from '../../server/platform/database/database.ts';
import { buildNetwork } from '../support/factories.ts';
import type { FactoryContext } from '../support/factories.ts';

export const publicUrl = 'https://amparo.example.org';
export const twilioAuthToken = 'hotline-test-token-123';
export const webhookPath = '/webhooks/twilio/sms';

/** An app with Twilio configured (pointing at `twilioApiBase`, e.g. a fake Twilio) and a fixed public URL. */
export function createHotlineApp(
  dialect: DialectName,
  options: {
    twilioApiBase?: string;
    accountSid?: string;
    authToken?: string;
    environment?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  return createTestApp(dialect, {
    AMPARO_PUBLIC_URL: publicUrl,
    TWILIO_ACCOUNT_SID: options.accountSid ?? 'ACtest00000000000000000000000000',
    TWILIO_AUTH_TOKEN: options.authToken ?? twilioAuthToken,
    TWILIO_FROM: '+13125550000',
    ...(options.twilioApiBase ? { TWILIO_API_BASE: options.twilioApiBase } : {}),
    ...options.environment,
  });
}

/** A random US-style E.164 number (each test's texters and hotlines differ). */
export function randomPhone(): string {
  return `+1312${String(randomInt(2_000_000, 9_999_999))}`;
}

/** A network whose SMS hotline is a fresh number (the `To` of texts to it). */
export async function buildHotlineNetwork(
  context: FactoryContext,
  languages = ['en', 'es', 'ar'],
): Promise<{ network: NetworksTable; hotline: string }> {
  const hotline = randomPhone();
  const network = await buildNetwork(context, { languages, settings: { hotlineNumbers: [hotline] } });
  return { network, hotline };
}

export interface TextOptions {
  from: string;
  to: string;
  body: string;
  /** Overrides the signature (default: Twilio's signature of the public URL). */
  signature?: string | null;
  /** Sign over this URL instead of the public one. */
  signedUrl?: string;
  authToken?: string;
}

/** POSTs Twilio's incoming-message webhook, signed as Twilio would sign it. */
export function sendText(testApp: TestApp, options: TextOptions): Promise<LightMyRequestResponse> {
  const params = {
    MessageSid: `SM${randomInt(1e9, 9e9)}`,
    AccountSid: 'ACtest00000000000000000000000000',
    From: options.from,
    To: options.to,
    Body: options.body,
    NumMedia: '0',
  };
  const signature =
    options.signature === undefined
      ? signTwilioRequest(
          options.authToken ?? testApp.context.config.twilio?.authToken ?? twilioAuthToken,
          options.signedUrl ?? `${publicUrl}${webhookPath}`,
          params,
        )
      : options.signature;
  return testApp.app.inject({
    method: 'POST',
    url: webhookPath,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

/** The <Message> texts of a TwiML reply. */
export function twimlTexts(response: LightMyRequestResponse): string[] {
  return [...response.body.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  );
}

/**
 * A report of `networkId` (its own new incident) whose reporter left `phone` and agreed to be
 * contacted, made through the real intake.
 */
export async function buildReachableReport(
  context: FactoryContext,
  networkId: string,
  options: { phone?: string; language?: string; description?: string } = {},
): Promise<{ reportId: string; incidentId: string; incidentPublicId: string; phone: string }> {
  const phone = options.phone ?? randomPhone();
  const stored = await submitReport(
    {
      db: context.database.db,
      dialect: context.database.dialect,
      clock: context.clock,
      crypto: context.crypto,
      events: createLocalEventBus(),
      lookupZip: { centroidOf: () => null, zipNear: () => null },
      settingsFor: () => Promise.resolve(defaultIncidentSettings),
    },
    {
      networkId,
      networkLanguages: ['en', 'es', 'ar'],
      channel: 'web',
      category: 'home',
      location: { lat: 30 + Math.random() * 15, lon: -120 + Math.random() * 45 },
      description: options.description ?? 'Two vans outside the building',
      callbackContact: phone,
      contactConsent: true,
      language: options.language ?? 'en',
      source: null,
    },
  );
  return {
    reportId: stored.reportId,
    incidentId: stored.incidentId,
    incidentPublicId: stored.incidentPublicId,
    phone,
  };
}

/** A job context for calling a job's handler directly. */
export function jobContextFor(testApp: TestApp): JobContext {
  return {
    jobId: 'test-job',
    attempt: 1,
    db: testApp.context.database.db,
    dialect: testApp.context.database.dialect,
    clock: testApp.context.clock,
    logger: createLogger('silent'),
    signal: new AbortController().signal,
  };
}
