import type { LightMyRequestResponse } from 'fastify';
import { newId, newSecretToken } from '../../server/platform/ids/ids.ts';
import {
  hashRecoveryToken,
  recoveryLinkLifetimeMs,
} from '../../server/modules/identity/members/recovery.service.ts';
import type { TestApp } from '../support/app.ts';
import type { FactoryContext } from '../support/factories.ts';

/** A recovery link row as if `createdBy` had made it (for the matrix: a link another admin made). */
export async function buildRecoveryLink(
  context: FactoryContext,
  options: { networkId: string; memberId: string; createdBy: string; needsApproval: boolean },
): Promise<{ id: string; token: string }> {
  const token = newSecretToken(32);
  const id = newId();
  const now = context.clock.now();
  await context.database.db
    .insertInto('member_recovery_links')
    .values({
      id,
      network_id: options.networkId,
      member_id: options.memberId,
      token_hash: hashRecoveryToken(token),
      created_by: options.createdBy,
      created_at: now,
      expires_at: now + recoveryLinkLifetimeMs,
      needs_approval: options.needsApproval ? 1 : 0,
      approved_by: null,
      approved_at: null,
      used_at: null,
      voided_at: null,
    })
    .execute();
  return { id, token };
}

let addressCounter = 0;
/** A client address in a /24 no other call uses, so the per-prefix limit only trips where meant. */
export function freshRecoveryAddress(): string {
  addressCounter += 1;
  return `10.77.${addressCounter % 256}.${1 + (Math.floor(addressCounter / 256) % 250)}`;
}

export interface OpenedForm {
  page: LightMyRequestResponse;
  formCookie: string;
  csrf: string;
  address: string;
}

/** Opens a recovery page like a browser: keeps the form cookie and reads the hidden CSRF field. */
export async function openRecoveryForm(
  testApp: TestApp,
  path: string,
  address = freshRecoveryAddress(),
): Promise<OpenedForm> {
  const page = await testApp.app.inject({ method: 'GET', url: path, remoteAddress: address });
  const formCookie = String(page.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { page, formCookie, csrf, address };
}

export function postRecoveryForm(
  testApp: TestApp,
  path: string,
  form: { formCookie: string; csrf: string; address: string },
  password: string,
): Promise<LightMyRequestResponse> {
  return testApp.app.inject({
    method: 'POST',
    url: path,
    remoteAddress: form.address,
    headers: { cookie: form.formCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: form.csrf, password }).toString(),
  });
}

/** The stable code a recovery page answered with (`x-amparo-error`), or null on success. */
export function pageErrorCode(response: LightMyRequestResponse): string | null {
  const code = response.headers['x-amparo-error'];
  return typeof code === 'string' ? code : null;
}
