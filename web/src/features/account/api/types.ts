/** One of the member's passkeys (GET /api/auth/passkeys). */
export interface Passkey {
  id: string;
  /** Null for a passkey added before passkeys had names. */
  name: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

/** POST /api/auth/totp/enroll: the secret, its otpauth URI, and a QR code as SVG text. */
export interface TotpEnrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** One live session of the member (GET /api/auth/sessions); no IP address or device is kept. */
export interface SessionRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  isCurrent: boolean;
}
