import path from 'node:path';
import { z } from 'zod';
import { parseAddressRanges, parseProxyTrust } from './address-lists.ts';
import type { AddressRange, ProxyTrust } from './address-lists.ts';
import { jobLanes } from '../jobs/job-definition.ts';
import type { JobLane } from '../jobs/job-definition.ts';

/** Slots per worker lane unless AMPARO_WORKER_LANES says otherwise (docs/adr/0021). */
export const defaultLaneConcurrency: Record<JobLane, number> = {
  sms: 2,
  push: 4,
  email: 2,
  dispatch: 4,
  intake: 4,
  alerting: 2,
  housekeeping: 1,
};

const laneListPattern = new RegExp(`^(?:(?:${jobLanes.join('|')})=(?:[1-9]|[1-5][0-9]|6[0-4])(?:,|$))+$`);
import type { HttpLimits } from '../http/connection-limits.ts';
import { parsePushHosts } from '../push/push-hosts.ts';
import { defaultKeyFilePath } from '../crypto/key-placement.ts';
import { parseBasemap } from '../map/basemap.ts';
import type { BasemapConfig } from '../map/basemap.ts';

/** Environment variables Amparo reads; docs/configuration.md documents each one. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  AMPARO_HOST: z.string().min(1).default('127.0.0.1'),
  AMPARO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  AMPARO_DATA_DIR: z.string().min(1).default('./data'),
  AMPARO_MAP_TILE_URL: z.string().optional(),
  AMPARO_MAP_PMTILES: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  AMPARO_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier')
    .default('public'),
  AMPARO_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AMPARO_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  AMPARO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AMPARO_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(256 * 1024),
  AMPARO_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  AMPARO_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  AMPARO_WORKER_LANES: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(
      z
        .string()
        .regex(laneListPattern, `must look like sms=2,push=4 (lanes: ${jobLanes.join(', ')}; 1 to 64)`),
    )
    .optional(),
  AMPARO_OUTBOUND_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  AMPARO_DELIVERY_RETRY_CAP_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  AMPARO_WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  AMPARO_HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  AMPARO_HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  AMPARO_HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  AMPARO_HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  AMPARO_HTTP_MIN_BODY_BYTES_PER_SECOND: z.coerce.number().int().min(0).max(10_000_000).default(1024),
  AMPARO_HTTP_BODY_RATE_GRACE_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  AMPARO_HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(2048),
  AMPARO_HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).default(64),
  AMPARO_FORM_MAX_PARAMETERS: z.coerce.number().int().min(10).max(10_000).default(200),
  AMPARO_PUSH_HOSTS: z.string().max(2000).optional(),
  AMPARO_PUSH_SUBSCRIPTIONS_PER_NETWORK_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(500),
  AMPARO_CONFIRMATIONS_PER_NETWORK_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(100),
  AMPARO_CONFIRMATIONS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(300),
  AMPARO_CONFIRMATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(3),
  AMPARO_TRUST_PROXY: z
    .string()
    .max(2000)
    .optional()
    .transform((value, context) => parsedOrIssue(parseProxyTrust(value), context)),
  AMPARO_ALLOWED_PRIVATE_ADDRESSES: z
    .string()
    .max(2000)
    .optional()
    .transform((value, context) => parsedOrIssue(parseAddressRanges(value), context)),
  AMPARO_KEY_FILE: z.string().min(1).optional(),
  AMPARO_ENCRYPTION_KEYS: z.string().min(1).optional(),
  AMPARO_KEYRING_CREDENTIAL: z.string().min(1).optional(),
  CREDENTIALS_DIRECTORY: z.string().min(1).optional(),
  AMPARO_UNSEAL_SOCKET: z.string().min(1).max(100).optional(),
  AMPARO_BACKUP_RECIPIENT: z
    .string()
    .regex(/^age1[02-9ac-hj-np-z]{58}$/, 'must be an age public key (age1..., from age-keygen)')
    .optional(),
  AMPARO_BACKUP_DIR: z.string().min(1).optional(),
  AMPARO_BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 31)
    .default(0),
  AMPARO_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  AMPARO_VOICE_RING_SECONDS: z.coerce.number().int().min(5).max(120).default(25),
  AMPARO_VOICEMAIL_MAX_SECONDS: z.coerce.number().int().min(10).max(600).default(120),
  TWILIO_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^[A-Za-z0-9]{2,64}$/, 'must be an account SID such as AC...')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(8).max(200).optional(),
  TWILIO_FROM: z
    .string()
    .regex(
      /^(\+[1-9][0-9]{6,14}|MG[A-Za-z0-9]{10,64})$/,
      'must be an E.164 number or a Messaging Service SID',
    )
    .optional(),
  AMPARO_SMS_RATE_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(1),
  AMPARO_INTAKE_LIMIT_SCALE: z.coerce.number().min(0.01).max(10_000).default(1),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  AMPARO_EMAIL_FROM: z.string().min(3).max(200).default('Amparo <alerts@localhost>'),
  AMPARO_MEDIA_PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(15 * 1024 * 1024),
  AMPARO_MEDIA_VIDEO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024 * 1024)
    .default(100 * 1024 * 1024),
  AMPARO_MEDIA_MAX_PIXELS: z.coerce.number().int().min(10_000).max(268_402_689).default(40_000_000),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDirectory: string;
  database:
    { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number; schema: string };
  role: 'all' | 'web' | 'worker';
  logLevel: Environment['AMPARO_LOG_LEVEL'];
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  worker: { concurrency: number; pollMs: number; lanes: Record<JobLane, number> };
  /** The map's self-hosted basemap (docs/basemap.md); every field null without one. */
  map: BasemapConfig;
  /** Wall-clock limit of every outbound call (SMS, push, email); the socket is destroyed past it. */
  outboundDeadlineMs: number;
  /** Fastify's `trustProxy`: off, a hop count, or the proxies' addresses (docs/configuration.md). */
  trustProxy: ProxyTrust;
  /** Private addresses/CIDRs outbound requests may reach anyway (self-hosted relays); default none. */
  allowedPrivateAddresses: AddressRange[];
  /** Push endpoints are accepted only on these hosts (ADR 0022). */
  push: { allowedHosts: readonly string[] };
  /** Hourly caps on new push subscriptions and confirmation mail, shared by all processes. */
  subscriptionCaps: {
    pushSubscriptionsPerNetwork: number;
    confirmationsPerNetwork: number;
    confirmationsGlobal: number;
    confirmationsPerAddressee: number;
  };
  /** Timeouts, the body rate floor and connection caps (ADR 0022). */
  http: HttpLimits & { formMaxParameters: number };
  /** Longest pause between retries of an alert delivery (and of a paused provider channel). */
  deliveryRetryCapMs: number;
  /** `file` is AMPARO_KEY_FILE (`isFileExplicit`) or the per-user default outside the data directory. */
  /**
   * `credentialFile`: the service manager's secret that opens a credential-sealed key file
   * (AMPARO_KEYRING_CREDENTIAL, else $CREDENTIALS_DIRECTORY/amparo-keyring-key; ADR 0030).
   */
  keys: {
    file: string;
    isFileExplicit: boolean;
    inline?: string;
    credentialFile: string | null;
    /** Where a sealed server listens for `amparo unseal` (default: beside the key file, a 0700 directory). */
    unsealSocket: string;
  };
  /** `amparo backup` (ADR 0030): the age recipient, where backups go, the schedule (0 = off), how many to keep. */
  backup: { recipient: string | null; directory: string; intervalHours: number; keep: number };
  /** Null until TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are all set. */
  twilio: { apiBase: string; accountSid: string; authToken: string; from: string } | null;
  sms: { ratePerSecond: number };
  /** Multiplies every intake rate limit (load tests, very large networks). */
  intake: { limitScale: number };
  email: { smtpUrl: string | null; from: string };
  /** Evidence upload limits: bytes per photo and per video, pixels per photo (decompression bombs). */
  media: { photoMaxBytes: number; videoMaxBytes: number; maxPixels: number };
  /** The phone line: how long operators' phones ring, and the longest voicemail. */
  voice: { ringSeconds: number; voicemailMaxSeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start-up; throws ConfigError naming every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(
    Object.keys(environmentSchema.shape).map((name) => [name, emptyToUndefined(environment[name])]),
  );
  const parsed = environmentSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const dataDirectory = path.resolve(env.AMPARO_DATA_DIR);
  let map: BasemapConfig;
  try {
    map = parseBasemap(env, dataDirectory);
  } catch (caught) {
    throw new ConfigError([caught instanceof Error ? caught.message : String(caught)]);
  }
  return {
    map,
    port: env.PORT,
    host: env.AMPARO_HOST,
    publicUrl: (env.AMPARO_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDirectory,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.AMPARO_DATABASE_POOL_SIZE,
          schema: env.AMPARO_DATABASE_SCHEMA,
        }
      : { kind: 'sqlite', file: path.join(dataDirectory, 'amparo.sqlite') },
    role: env.AMPARO_ROLE,
    logLevel: env.AMPARO_LOG_LEVEL,
    bodyLimitBytes: env.AMPARO_BODY_LIMIT_BYTES,
    shutdownTimeoutMs: env.AMPARO_SHUTDOWN_TIMEOUT_MS,
    worker: {
      concurrency: env.AMPARO_WORKER_CONCURRENCY,
      pollMs: env.AMPARO_WORKER_POLL_MS,
      lanes: parseLanes(env.AMPARO_WORKER_LANES),
    },
    outboundDeadlineMs: env.AMPARO_OUTBOUND_DEADLINE_MS,
    trustProxy: env.AMPARO_TRUST_PROXY,
    allowedPrivateAddresses: env.AMPARO_ALLOWED_PRIVATE_ADDRESSES,
    push: { allowedHosts: parsePushHosts(env.AMPARO_PUSH_HOSTS) },
    subscriptionCaps: {
      pushSubscriptionsPerNetwork: env.AMPARO_PUSH_SUBSCRIPTIONS_PER_NETWORK_PER_HOUR,
      confirmationsPerNetwork: env.AMPARO_CONFIRMATIONS_PER_NETWORK_PER_HOUR,
      confirmationsGlobal: env.AMPARO_CONFIRMATIONS_PER_HOUR,
      confirmationsPerAddressee: env.AMPARO_CONFIRMATIONS_PER_ADDRESS_PER_HOUR,
    },
    http: {
      requestTimeoutMs: env.AMPARO_HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: env.AMPARO_HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: env.AMPARO_HTTP_KEEP_ALIVE_TIMEOUT_MS,
      idleTimeoutMs: env.AMPARO_HTTP_IDLE_TIMEOUT_MS,
      minBodyBytesPerSecond: env.AMPARO_HTTP_MIN_BODY_BYTES_PER_SECOND,
      bodyRateGraceMs: env.AMPARO_HTTP_BODY_RATE_GRACE_MS,
      maxConnections: env.AMPARO_HTTP_MAX_CONNECTIONS,
      // Behind a proxy every socket comes from the proxy: it limits per client (docs/configuration.md).
      maxConnectionsPerAddress:
        env.AMPARO_TRUST_PROXY === false ? env.AMPARO_HTTP_MAX_CONNECTIONS_PER_ADDRESS : 0,
      formMaxParameters: env.AMPARO_FORM_MAX_PARAMETERS,
    },
    deliveryRetryCapMs: env.AMPARO_DELIVERY_RETRY_CAP_MS,
    keys: {
      file: env.AMPARO_KEY_FILE ? path.resolve(env.AMPARO_KEY_FILE) : defaultKeyFilePath(environment),
      isFileExplicit: env.AMPARO_KEY_FILE !== undefined,
      inline: env.AMPARO_ENCRYPTION_KEYS,
      credentialFile: env.AMPARO_KEYRING_CREDENTIAL
        ? path.resolve(env.AMPARO_KEYRING_CREDENTIAL)
        : env.CREDENTIALS_DIRECTORY
          ? path.join(env.CREDENTIALS_DIRECTORY, 'amparo-keyring-key')
          : null,
      unsealSocket: env.AMPARO_UNSEAL_SOCKET
        ? path.resolve(env.AMPARO_UNSEAL_SOCKET)
        : path.join(
            path.dirname(
              env.AMPARO_KEY_FILE ? path.resolve(env.AMPARO_KEY_FILE) : defaultKeyFilePath(environment),
            ),
            'unseal.sock',
          ),
    },
    backup: {
      recipient: env.AMPARO_BACKUP_RECIPIENT ?? null,
      directory: path.resolve(env.AMPARO_BACKUP_DIR ?? path.join(dataDirectory, '..', 'amparo-backups')),
      intervalHours: env.AMPARO_BACKUP_INTERVAL_HOURS,
      keep: env.AMPARO_BACKUP_KEEP,
    },
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
        ? {
            apiBase: env.TWILIO_API_BASE,
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.TWILIO_FROM,
          }
        : null,
    sms: { ratePerSecond: env.AMPARO_SMS_RATE_PER_SECOND },
    voice: {
      ringSeconds: env.AMPARO_VOICE_RING_SECONDS,
      voicemailMaxSeconds: env.AMPARO_VOICEMAIL_MAX_SECONDS,
    },
    intake: { limitScale: env.AMPARO_INTAKE_LIMIT_SCALE },
    email: { smtpUrl: env.SMTP_URL ?? null, from: env.AMPARO_EMAIL_FROM },
    media: {
      photoMaxBytes: env.AMPARO_MEDIA_PHOTO_MAX_BYTES,
      videoMaxBytes: env.AMPARO_MEDIA_VIDEO_MAX_BYTES,
      maxPixels: env.AMPARO_MEDIA_MAX_PIXELS,
    },
  };
}

function parsedOrIssue<T>(
  parsed: { ok: true; value: T } | { ok: false; problem: string },
  context: z.RefinementCtx,
): T {
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }
  return parsed.value;
}

function parseLanes(list: string | undefined): Record<JobLane, number> {
  const lanes = { ...defaultLaneConcurrency };
  for (const entry of list ? list.split(',').filter(Boolean) : []) {
    const [lane, count] = entry.split('=') as [JobLane, string];
    lanes[lane] = Number(count);
  }
  return lanes;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
