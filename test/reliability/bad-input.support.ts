import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../../server/platform/database/database.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';

/**
 * Shared pieces of the bad-input properties: the outcome every surface must give (a 2xx, or a 4xx
 * with a stable machine code; never a 5xx, a crash or a hang) and generators of hostile values.
 */
export const requestTimeoutMs = 5_000;
const stableCode = /^[A-Z_]+$/;

export interface InjectOptions {
  method: 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  payload?: string | object | Buffer;
}

export const publicUrl = 'https://amparo.example.org';
export const twilioAuthToken = 'reliability-token-1234';
export const hotline = '+13125550199';

/** 1,000 cases per surface on SQLite, fewer on PostgreSQL (the same code paths; the run is about parsers and services). */
export function numRunsFor(dialect: DialectName): number {
  return dialect === 'sqlite' ? 1_000 : 150;
}

export interface BadInputWorld {
  testApp: TestApp;
  slug: string;
  networkId: string;
  admin: SignedIn;
  adminEmail: string;
}

/** The app every surface file starts: Twilio configured, intake limits lifted, one network and admin. */
export async function badInputWorld(
  dialect: DialectName,
  environment: Record<string, string> = {},
): Promise<BadInputWorld> {
  const testApp = await createTestApp(dialect, {
    AMPARO_PUBLIC_URL: publicUrl,
    TWILIO_ACCOUNT_SID: 'ACtest00000000000000000000000000',
    TWILIO_AUTH_TOKEN: twilioAuthToken,
    TWILIO_FROM: '+13125550000',
    // One process sends everything: lift intake limits so the parsers are what gets exercised.
    AMPARO_INTAKE_LIMIT_SCALE: '10000',
    ...environment,
  });
  const network = await buildNetwork(testApp.context, {
    languages: ['en', 'es'],
    settings: { hotlineNumbers: [hotline] },
  });
  const built = await buildMember(testApp.context, {
    networkId: network.id,
    roles: [{ role: 'admin' }, { role: 'coordinator' }],
    withTotp: true,
  });
  return {
    testApp,
    slug: network.slug,
    networkId: network.id,
    admin: await signIn(testApp.context, built, { secondFactorProved: true }),
    adminEmail: built.email,
  };
}

/**
 * Runs the property (every request gets a safe answer; `after` may check more per case) and
 * returns the outcome labels, so the test can show the cases did not all stop at the same check.
 */
export async function checkSurface<T extends InjectOptions>(
  testApp: TestApp,
  numRuns: number,
  requests: fc.Arbitrary<T>,
  after?: (request: T, response: LightMyRequestResponse, label: string) => Promise<void>,
): Promise<Map<string, number>> {
  const outcomes = tally();
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const response = await injectBounded(testApp, request);
      const label = expectSafeAnswer(response);
      outcomes.add(label);
      await after?.(request, response, label);
    }),
    { numRuns, endOnFailure: true },
  );
  if (process.env.AMPARO_SHOW_OUTCOMES) console.log(JSON.stringify([...outcomes.labels()]));
  return outcomes.labels();
}

/** `app.inject` from a random address (so per-address limits do not hide the parser), bounded in time. */
export async function injectBounded(
  testApp: TestApp,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${requestTimeoutMs} ms: ${options.url}`)),
      requestTimeoutMs,
    );
  });
  try {
    return await Promise.race([testApp.app.inject({ ...options, remoteAddress: randomAddress() }), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function randomAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

/**
 * The contract: 2xx (the input happened to be valid), or 4xx with `{ error: { code } }` in capitals.
 * HTML pages (the public form) carry no JSON code; for them a 4xx page is the stable answer.
 * Returns a short outcome label for the distribution check.
 */
export function expectSafeAnswer(response: LightMyRequestResponse): string {
  const { statusCode } = response;
  if (statusCode >= 500 || statusCode < 200 || (statusCode >= 300 && statusCode < 400)) {
    throw new Error(`unexpected ${statusCode}: ${response.body.slice(0, 300)}`);
  }
  if (statusCode < 300) return String(statusCode);
  const contentType = String(response.headers['content-type'] ?? '');
  if (contentType.startsWith('text/html')) return `${statusCode} html`;
  const code = response.json<{ error?: { code?: unknown } }>().error?.code;
  if (typeof code !== 'string' || !stableCode.test(code)) {
    throw new Error(`${statusCode} without a stable error code: ${response.body.slice(0, 300)}`);
  }
  return `${statusCode} ${code}`;
}

/** Counts outcome labels, so a test can show it reached past the first check. */
export function tally(): { add(label: string): void; labels(): Map<string, number> } {
  const counts = new Map<string, number>();
  return { add: (label) => counts.set(label, (counts.get(label) ?? 0) + 1), labels: () => counts };
}

export const category = fc.constantFrom(
  'home',
  'workplace',
  'street_stop',
  'checkpoint',
  'courthouse',
  'transport',
  'other',
);
export const latitude = fc.double({ min: 41.6, max: 42.1, noNaN: true });
export const longitude = fc.double({ min: -87.9, max: -87.5, noNaN: true });

/** Strings people and attackers send: unicode, control characters, huge, numeric-looking, injection. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'null',
    'NaN',
    '-1',
    '1e309',
    "'; drop table reports; --",
    '<script>',
    '{{x}}',
    '__proto__',
    'constructor',
  ),
  fc.string({ minLength: 2000, maxLength: 6000 }),
  fc.double().map(String),
);

export const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308, 90.0000001, -180.1),
);

/** Any JSON value, deep and wide, including prototype-pollution keys. */
/** The report fields the JSON API and the public form share. */
export function reportFields(): Record<string, fc.Arbitrary<unknown>> {
  return {
    category: fieldValue(category),
    zip: fieldValue(fc.constantFrom('60608', '60601', '6060', '60608-1234')),
    description: fieldValue(fc.string({ maxLength: 300 })),
    locationText: fieldValue(fc.string({ maxLength: 80 })),
    callbackContact: fieldValue(fc.string({ maxLength: 40 })),
    language: fieldValue(fc.constantFrom('en', 'es', 'es-MX', 'zz', 'x')),
    website: fieldValue(fc.constant('')),
  };
}

export const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/** Values for a field of a JSON body: right type, wrong type, or absent. */
export function fieldValue<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/**
 * A JSON body sent as text: valid ones (so the property reaches the service), objects shaped like
 * the real one with hostile fields, and sometimes garbage or a body cut short.
 */
export function jsonBody(
  shaped: fc.Arbitrary<Record<string, unknown>>,
  valid: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((value) => JSON.stringify(value)) },
    { weight: 5, arbitrary: shaped.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: shaped.map((value) => JSON.stringify(value).slice(0, -3)) },
  );
}

/** An object shaped like `fields`, each field present or missing, plus an unknown key now and then. */
export function shapedObject(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })), { freq: 8 }),
    )
    .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));
}
