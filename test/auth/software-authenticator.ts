import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A WebAuthn authenticator in software, for tests: an ES256 (P-256) key pair, 'none' attestation,
 * and assertions signed exactly as a security key or phone signs them (authenticatorData ‖
 * SHA-256(clientDataJSON), DER ECDSA). Nothing is mocked on the server side.
 */
export interface SoftwareAuthenticatorOptions {
  /** The origin the "browser" reports (default: the test app's public URL). */
  origin?: string;
  rpId?: string;
  /** Whether it verifies the user (PIN or biometrics): the UV flag. */
  isUserVerifying?: boolean;
}

const flags = { userPresent: 0x01, userVerified: 0x04, attestedCredentialData: 0x40 };

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16).toString('base64url');
  readonly origin: string;
  readonly rpId: string;
  isUserVerifying: boolean;
  /** The signature counter; each assertion increments it first. */
  counter = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(options: SoftwareAuthenticatorOptions = {}) {
    this.origin = options.origin ?? 'http://localhost:8080';
    this.rpId = options.rpId ?? new URL(this.origin).hostname;
    this.isUserVerifying = options.isUserVerifying ?? true;
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    }));
  }

  /** A RegistrationResponseJSON for `navigator.credentials.create()` options from the server. */
  register(options: { challenge: string }, overrides: { origin?: string } = {}) {
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, overrides.origin);
    const credentialId = Buffer.from(this.credentialId, 'base64url');
    const authenticatorData = Buffer.concat([
      sha256(this.rpId),
      Buffer.from([this.flagByte() | flags.attestedCredentialData]),
      uint32(this.counter),
      Buffer.alloc(16), // AAGUID: none
      Buffer.from([credentialId.length >> 8, credentialId.length & 0xff]),
      credentialId,
      Buffer.from(this.coseKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authenticatorData)],
      ]) as Parameters<typeof isoCBOR.encode>[0],
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['internal' as const],
      },
      clientExtensionResults: {},
    };
  }

  /** An AuthenticationResponseJSON answering `navigator.credentials.get()` options. */
  assert(options: { challenge: string }, overrides: { origin?: string; counter?: number } = {}) {
    this.counter = overrides.counter ?? this.counter + 1;
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides.origin);
    const authenticatorData = Buffer.concat([
      sha256(this.rpId),
      Buffer.from([this.flagByte()]),
      uint32(this.counter),
    ]);
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      this.privateKey,
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key' as const,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }

  private flagByte(): number {
    return flags.userPresent | (this.isUserVerifying ? flags.userVerified : 0);
  }

  private clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /**
   * The private key as base64 PKCS#8, the form Chromium's virtual authenticator takes
   * (CDP WebAuthn.addCredential), so a browser test signs with this very key.
   */
  privateKeyPkcs8(): string {
    return this.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  }

  /** The public key as a COSE_Key: EC2, ES256, P-256, x, y. */
  coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    );
  }
}
