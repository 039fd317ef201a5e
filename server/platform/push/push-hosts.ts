/**
 * The push services browsers subscribe through (docs/adr/0022-outsider-limits.md): Google (Chrome,
 * Edge on Android, most Chromium browsers), Mozilla (Firefox), Apple (Safari) and Microsoft (Edge
 * on Windows). A `*.` entry matches any name under that domain, not the domain itself.
 * AMPARO_PUSH_HOSTS replaces the list (a deployment whose users' browsers use another service, or
 * tests with a local stand-in).
 */
export const knownPushServiceHosts: readonly string[] = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '*.push.apple.com',
  '*.notify.windows.com',
];

/** Whether an endpoint's host name is one of `allowedHosts` (exact, or under a `*.` entry). */
export function isAllowedPushHost(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return allowedHosts.some((entry) => {
    const pattern = entry.toLowerCase();
    if (!pattern.startsWith('*.')) return host === pattern;
    const suffix = pattern.slice(1);
    return host.endsWith(suffix) && host.length > suffix.length;
  });
}

/** Parses AMPARO_PUSH_HOSTS: host names or `*.domain` entries, separated by commas or spaces. */
export function parsePushHosts(value: string | undefined): readonly string[] {
  if (!value) return knownPushServiceHosts;
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0);
}
