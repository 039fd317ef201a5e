import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultKeyFilePath } from '../crypto/key-placement.ts';
import { ConfigError, defaultLaneConcurrency, loadConfig } from './config.ts';

/** Every variable loadConfig reads, found by watching which names it looks up. */
function variablesReadByLoadConfig(): string[] {
  const names = new Set<string>();
  const watcher = new Proxy<NodeJS.ProcessEnv>(
    {},
    {
      get(_target, name) {
        if (typeof name === 'string') names.add(name);
        return undefined;
      },
    },
  );
  loadConfig(watcher);
  return [...names];
}

function configError(environment: Record<string, string>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(environment)}`);
}

describe('loadConfig defaults', () => {
  it('runs on SQLite in ./data, locally, with conservative limits', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.database.kind).toBe('sqlite');
    expect(config.database.kind === 'sqlite' && config.database.file).toMatch(/data[\\/]amparo\.sqlite$/);
    expect(config.role).toBe('all');
    expect(config.logLevel).toBe('info');
    expect(config.bodyLimitBytes).toBe(256 * 1024);
    expect(config.trustProxy).toBe(false);
    expect(config.allowedPrivateAddresses).toEqual([]);
    expect(config.worker).toEqual({ concurrency: 4, pollMs: 500, lanes: defaultLaneConcurrency });
    expect(config.outboundDeadlineMs).toBe(15_000);
    expect(config.keys).toEqual({
      file: defaultKeyFilePath({}),
      isFileExplicit: false,
      inline: undefined,
      credentialFile: null,
      unsealSocket: path.join(path.dirname(defaultKeyFilePath({})), 'unseal.sock'),
    });
    expect(config.backup).toMatchObject({ recipient: null, intervalHours: 0, keep: 7 });
    expect(config.keys.file).toMatch(/[\\/]amparo[\\/]keys\.json$/);
    expect(config.twilio).toBeNull();
    expect(config.email.smtpUrl).toBeNull();
  });

  it('treats empty values as unset and strips a trailing slash from the public URL', () => {
    const config = loadConfig({
      PORT: '  ',
      AMPARO_PUBLIC_URL: 'https://rrn.example.org/',
      DATABASE_URL: '',
    });
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://rrn.example.org');
    expect(config.database.kind).toBe('sqlite');
  });

  it('switches to PostgreSQL with DATABASE_URL and turns SMS on only with all three Twilio values', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://amparo@db/amparo',
      AMPARO_DATABASE_SCHEMA: 'pilsen',
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'secret-token',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgresql://amparo@db/amparo',
      poolSize: 10,
      schema: 'pilsen',
    });
    expect(config.twilio).toBeNull();
    expect(
      loadConfig({
        TWILIO_ACCOUNT_SID: 'AC123',
        TWILIO_AUTH_TOKEN: 'secret-token',
        TWILIO_FROM: '+13125550100',
      }).twilio,
    ).toEqual({
      apiBase: 'https://api.twilio.com',
      accountSid: 'AC123',
      authToken: 'secret-token',
      from: '+13125550100',
    });
  });
});

describe('loadConfig rejects bad values, naming the variable', () => {
  const badValues: Record<string, string[]> = {
    PORT: ['http', '-1', '65536', '80.5'],
    AMPARO_PUBLIC_URL: ['rrn.example.org', 'ftp://rrn.example.org', 'javascript:alert(1)'],
    DATABASE_URL: ['mysql://db/amparo', 'amparo.sqlite'],
    AMPARO_DATABASE_SCHEMA: ['Public', 'a;drop table x', '1abc'],
    AMPARO_ROLE: ['both', 'WEB'],
    AMPARO_LOG_LEVEL: ['verbose'],
    AMPARO_BODY_LIMIT_BYTES: ['10', String(51 * 1024 * 1024), 'lots'],
    AMPARO_WORKER_CONCURRENCY: ['0', '65', 'four'],
    AMPARO_TRUST_PROXY: ['true', 'yes', '11', '10.0.0.0/33', '10.1', '127.0.0.1,proxy.local'],
    AMPARO_ALLOWED_PRIVATE_ADDRESSES: ['10.0.0.0/8,lan', '300.0.0.1', 'fd00::/129', '10.0.0.1/8/2'],
    TWILIO_FROM: ['3125550100', '+0123'],
    SMTP_URL: ['mail.example.org', 'http://mail.example.org'],
  };

  for (const [variable, values] of Object.entries(badValues)) {
    it(`${variable}: ${values.join(' | ')}`, () => {
      for (const value of values) {
        const error = configError({ [variable]: value });
        expect(error.problems, `${variable}=${value}`).toHaveLength(1);
        expect(error.problems[0]).toMatch(new RegExp(`^${variable}: `));
        expect(error.message).toContain(variable);
      }
    });
  }

  it('AMPARO_TRUST_PROXY=true is refused with a message saying what to give instead', () => {
    const error = configError({ AMPARO_TRUST_PROXY: 'true' });
    expect(error.message).toContain('every X-Forwarded-For hop');
    expect(error.message).toMatch(/number of proxies/);
  });

  it('reads a hop count or a list of proxy addresses/CIDRs, and the allowed private addresses', () => {
    expect(loadConfig({ AMPARO_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ AMPARO_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ AMPARO_TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      'loopback',
    ]);
    expect(
      loadConfig({ AMPARO_ALLOWED_PRIVATE_ADDRESSES: '10.0.0.0/8, 192.168.1.5,fd00::/8' })
        .allowedPrivateAddresses,
    ).toEqual(['10.0.0.0/8', '192.168.1.5/32', 'fd00::/8']);
  });

  it('sets each worker lane from AMPARO_WORKER_LANES and refuses unknown lanes', () => {
    const config = loadConfig({ AMPARO_WORKER_LANES: 'sms=7, push=1' });
    expect(config.worker.lanes).toEqual({ ...defaultLaneConcurrency, sms: 7, push: 1 });
    expect(() => loadConfig({ AMPARO_WORKER_LANES: 'telepathy=3' })).toThrow(ConfigError);
    expect(() => loadConfig({ AMPARO_WORKER_LANES: 'sms=0' })).toThrow(ConfigError);
    expect(() => loadConfig({ AMPARO_OUTBOUND_DEADLINE_MS: '5' })).toThrow(ConfigError);
  });

  it('reports every bad variable at once', () => {
    const error = configError({ PORT: 'x', AMPARO_ROLE: 'y', SMTP_URL: 'z' });
    expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'AMPARO_ROLE',
      'PORT',
      'SMTP_URL',
    ]);
  });

  it('never echoes a rejected secret value in the message', () => {
    const error = configError({ TWILIO_AUTH_TOKEN: 'short' });
    expect(error.message).toContain('TWILIO_AUTH_TOKEN');
    expect(error.message).not.toContain('short');
  });
});

describe('docs/configuration.md', () => {
  const documentation = fs.readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  // The first cell of each table row: | `NAME` | default | meaning | example |
  const documentedVariables = [...documentation.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/gm)].map(
    (match) => match[1]!,
  );

  it('documents every variable the configuration reads', () => {
    const variables = variablesReadByLoadConfig();
    expect(variables.length).toBeGreaterThan(20);
    const undocumented = variables.filter((name) => !documentedVariables.includes(name));
    expect(undocumented).toEqual([]);
  });

  it('documents no variable the configuration does not read', () => {
    const variables = new Set(variablesReadByLoadConfig());
    expect(documentedVariables.filter((name) => !variables.has(name))).toEqual([]);
  });
});
