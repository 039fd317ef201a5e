import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.ts';
import { isAllowedPushHost, knownPushServiceHosts, parsePushHosts } from './push-hosts.ts';
import { isPublicHostName, parsePushSubscription } from './push-subscription.ts';

function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const endpoint = 'https://fcm.googleapis.com/fcm/send/abc123';

describe('parsePushSubscription', () => {
  it('accepts what a browser sends', () => {
    const keys = browserKeys();
    expect(parsePushSubscription({ endpoint, expirationTime: null, keys }, knownPushServiceHosts)).toEqual({
      isValid: true,
      subscription: { endpoint, keys },
    });
  });

  it('refuses anything else, naming the field', () => {
    const keys = browserKeys();
    const cases: [unknown, string][] = [
      [null, ''],
      [{ endpoint: 'http://fcm.googleapis.com/x', keys }, 'endpoint'],
      [{ endpoint: 'https://127.0.0.1/x', keys }, 'endpoint'],
      [{ endpoint: 'https://[::1]/x', keys }, 'endpoint'],
      [{ endpoint: 'https://localhost/x', keys }, 'endpoint'],
      [{ endpoint: 'https://metadata.internal/x', keys }, 'endpoint'],
      [{ endpoint: 'https://user:pw@fcm.googleapis.com/x', keys }, 'endpoint'],
      [{ endpoint: `https://fcm.googleapis.com/${'a'.repeat(3000)}`, keys }, 'endpoint'],
      [{ endpoint, keys: { ...keys, p256dh: keys.p256dh.slice(0, 80) } }, 'keys.p256dh'],
      [{ endpoint, keys: { ...keys, p256dh: Buffer.alloc(65, 3).toString('base64url') } }, 'keys.p256dh'],
      [{ endpoint, keys: { ...keys, auth: randomBytes(12).toString('base64url') } }, 'keys.auth'],
      [{ endpoint, keys: { ...keys, auth: 'not base64!' } }, 'keys.auth'],
      [{ endpoint, keys: { p256dh: keys.p256dh } }, 'keys.auth'],
      [{ endpoint, keys, extra: true }, 'extra'],
      [{ endpoint, keys: { ...keys, other: 'x' } }, 'keys.other'],
      [{ endpoint, keys, expirationTime: 'soon' }, 'expirationTime'],
      // A public host that is not a push service: a tarpit could hold deliveries open (issue 27).
      [{ endpoint: 'https://tarpit.example.com/push/1', keys }, 'endpoint'],
      [{ endpoint: 'https://push.apple.com.evil.example/x', keys }, 'endpoint'],
      [{ endpoint: 'https://evilnotify.windows.com/x', keys }, 'endpoint'],
    ];
    for (const [value, path] of cases) {
      const parsed = parsePushSubscription(value, knownPushServiceHosts);
      expect(parsed.isValid, JSON.stringify(value).slice(0, 80)).toBe(false);
      if (!parsed.isValid) expect(parsed.problems.map((problem) => problem.path)).toContain(path);
    }
  });
});

describe('push service hosts', () => {
  it("accepts the browsers' push services and nothing else by default", () => {
    for (const host of [
      'fcm.googleapis.com',
      'updates.push.services.mozilla.com',
      'web.push.apple.com',
      'api.push.apple.com',
      'wns2-par02p.notify.windows.com',
      'FCM.googleapis.com.',
    ])
      expect(isAllowedPushHost(host, knownPushServiceHosts), host).toBe(true);
    for (const host of [
      'push.apple.com',
      'notify.windows.com',
      'googleapis.com',
      'example.com',
      'xpush.apple.com',
    ])
      expect(isAllowedPushHost(host, knownPushServiceHosts), host).toBe(false);
  });

  it('takes a configured list in place of the known one', () => {
    const hosts = parsePushHosts('push.amparo-test.example, *.push.example.org');
    expect(isAllowedPushHost('push.amparo-test.example', hosts)).toBe(true);
    expect(isAllowedPushHost('eu.push.example.org', hosts)).toBe(true);
    expect(isAllowedPushHost('fcm.googleapis.com', hosts)).toBe(false);
    expect(parsePushHosts(undefined)).toBe(knownPushServiceHosts);
  });
});

describe('public addresses and host names', () => {
  it('tells public addresses from loopback, private, link-local and mapped ones', () => {
    for (const address of ['142.250.1.1', '2607:f8b0:4005::200e'])
      expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      'not an ip',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('accepts push services, refuses IP literals and local names', () => {
    expect(isPublicHostName('fcm.googleapis.com')).toBe(true);
    expect(isPublicHostName('updates.push.services.mozilla.com')).toBe(true);
    for (const host of ['10.0.0.1', 'localhost', 'printer.local', 'db', 'svc.internal', 'router.lan'])
      expect(isPublicHostName(host), host).toBe(false);
  });
});
