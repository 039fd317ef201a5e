import fs from 'node:fs';
import type { AppConfig } from '../../platform/config/config.ts';
import { KeyringError, sealOfKeyFile } from '../../platform/crypto/index.ts';
import { writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig } from '../runtime.ts';

/** `amparo check-config`: the resolved settings, secrets left out, so an operator can see what runs. */
export function checkConfigCommand(io: CliIo): number {
  const config = loadCliConfig(io);
  writeLine(io.stdout, 'Configuration is valid.');
  for (const [name, value] of describeConfig(config)) writeLine(io.stdout, `  ${name}: ${value}`);
  writeLine(io.stdout, `  sealed: ${describeSealing(config.keys)}`);
  return 0;
}

/**
 * Whether the deployment is sealed (ADR 0030): whether a copy of the disk that holds the key file
 * gives up the keys, and what opens them. Reads the key file's header only, never a key.
 */
export function describeSealing(keys: AppConfig['keys']): string {
  if (keys.inline) {
    return 'no: the keys come from AMPARO_ENCRYPTION_KEYS (keep them in your secret store; Amparo cannot seal them)';
  }
  if (!fs.existsSync(keys.file)) return `no: there is no key file yet at ${keys.file} (made at first start)`;
  let seal;
  try {
    seal = sealOfKeyFile(keys.file);
  } catch (error) {
    if (error instanceof KeyringError) return `unknown: ${error.message}`;
    throw error;
  }
  if (!seal) {
    return `no: ${keys.file} is a plain key file; whoever copies it reads the data ("amparo seal" locks it)`;
  }
  if (seal.by === 'passphrase') {
    return 'yes, with a passphrase: the server starts sealed until an admin runs "amparo unseal" or uses its unseal page';
  }
  const credential = keys.credentialFile;
  const found = credential && fs.existsSync(credential) ? 'found' : 'NOT found: the server will not start';
  return `yes, with a service credential: it opens at start with ${credential ?? 'AMPARO_KEYRING_CREDENTIAL or $CREDENTIALS_DIRECTORY/amparo-keyring-key'} (${found})`;
}

/** Every setting an operator may need to see; passwords, tokens and keys never appear. */
export function describeConfig(config: AppConfig): [string, string][] {
  const database =
    config.database.kind === 'sqlite'
      ? [['database', `SQLite ${config.database.file}`]]
      : [
          ['database', `PostgreSQL ${withoutPassword(config.database.url)}`],
          ['database schema', config.database.schema],
          ['database pool size', String(config.database.poolSize)],
        ];
  return [
    ['listen', `${config.host}:${config.port}`],
    ['public URL', config.publicUrl],
    ['data directory', config.dataDirectory],
    ...(database as [string, string][]),
    ['role', config.role],
    ['log level', config.logLevel],
    ['body limit', `${config.bodyLimitBytes} bytes`],
    ['shutdown timeout', `${config.shutdownTimeoutMs} ms`],
    ['worker', `concurrency ${config.worker.concurrency}, poll every ${config.worker.pollMs} ms`],
    [
      'worker lanes',
      Object.entries(config.worker.lanes)
        .map(([lane, count]) => `${lane}=${count}`)
        .join(','),
    ],
    ['outbound deadline', `${config.outboundDeadlineMs} ms`],
    [
      'trust proxy',
      config.trustProxy === false
        ? 'off'
        : typeof config.trustProxy === 'number'
          ? `${config.trustProxy} hop(s)`
          : config.trustProxy.join(', '),
    ],
    ['allowed private addresses', config.allowedPrivateAddresses.join(', ') || 'none'],
    [
      'encryption keys',
      config.keys.inline
        ? 'from AMPARO_ENCRYPTION_KEYS'
        : `key file ${config.keys.file} (back it up apart from the data directory)`,
    ],
    [
      'SMS (Twilio)',
      config.twilio
        ? `account ${config.twilio.accountSid} via ${config.twilio.apiBase}, from ${config.twilio.from}`
        : 'not configured',
    ],
    ['SMS rate', `${config.sms.ratePerSecond} per second`],
    ['intake limit scale', String(config.intake.limitScale)],
    [
      'media limits',
      `photo ${config.media.photoMaxBytes} bytes, video ${config.media.videoMaxBytes} bytes, ${config.media.maxPixels} pixels`,
    ],
    ['email', config.email.smtpUrl ? `SMTP ${withoutPassword(config.email.smtpUrl)}` : 'not configured'],
    ['email from', config.email.from],
  ];
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
