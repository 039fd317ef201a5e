import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolvePrincipal } from '../../server/modules/identity/auth/session.service.ts';
import { memberAccounts } from '../../server/modules/identity/members/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';

describeEachDatabase('test factories', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('build a member whose session resolves to the granted roles and second factor', async () => {
    const context = testApp.context;
    const network = await buildNetwork(context);
    const area = await buildArea(context, network.id);
    expect(area.min_lat).toBeLessThan(area.max_lat);
    const member = await buildMember(context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher', areaId: area.id }, { role: 'viewer' }],
      withTotp: true,
    });
    const row = await context.database.db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row.email_enc).not.toContain(member.email);
    expect(context.crypto.decrypt(row.email_enc, 'members.email')).toBe(member.email);
    const totpRow = await context.database.db
      .selectFrom('totp_credentials')
      .selectAll()
      .where('member_id', '=', member.id)
      .executeTakeFirstOrThrow();
    const secret = context.crypto.decrypt(totpRow.secret_enc, 'totp_credentials.secret');
    expect(secret).toBe(member.totpSecret);
    expect(new TOTP({ secret: Secret.fromBase32(secret) }).generate()).toMatch(/^\d{6}$/);

    const session = await signIn(context, member, { secondFactorProved: true });
    const principal = await resolvePrincipal(
      { db: context.database.db, clock: context.clock, accounts: memberAccounts },
      session.token,
    );
    expect(principal).toMatchObject({
      memberId: member.id,
      networkId: network.id,
      status: 'active',
      hasSecondFactor: true,
      csrfToken: session.csrfToken,
    });
    expect(principal?.secondFactorAt).toBe(context.clock.now());
    expect(principal?.roles).toEqual(
      expect.arrayContaining([
        { role: 'dispatcher', areaId: area.id },
        { role: 'viewer', areaId: null },
      ]),
    );
    expect(session.headers.cookie).toBe(`__Host-amparo_session=${session.token}`);
  });
});
