import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app implements it: SHA-1, 6 digits, 30-second steps. */
const totpSettings = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const periodMs = totpSettings.period * 1000;
/** One step either side: tolerates 30 s of clock drift or a code typed as it rolled over. */
const window = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (from the QR code or typed in). */
export function totpUri(secretBase32: string, account: string): string {
  return new TOTP({
    ...totpSettings,
    issuer: 'Amparo',
    label: account,
    secret: Secret.fromBase32(secretBase32),
  }).toString();
}

/** An SVG QR code of the URI, drawn here: the secret never goes to a QR web service. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The 30-second step `code` belongs to (within the window around `now`), or null if it matches none. */
export function matchTotpStep(secretBase32: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    ...totpSettings,
    token: code,
    secret: Secret.fromBase32(secretBase32),
    timestamp: now,
    window,
  });
  return delta === null ? null : Math.floor(now / periodMs) + delta;
}

/** The code for `timestamp` (tests and the demo's software authenticator). */
export function totpCodeAt(secretBase32: string, timestamp: number): string {
  return TOTP.generate({ ...totpSettings, secret: Secret.fromBase32(secretBase32), timestamp });
}
