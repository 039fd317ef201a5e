import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handleSubscriptionSms } from '../../server/modules/subscriptions/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildInvitation, buildMember, buildNetwork } from '../support/factories.ts';

/**
 * SECURITY.md: sensitive fields are encrypted at rest. Unique markers go in through the public
 * interfaces; the raw database (SQLite file and WAL, or a pg_dump of the schema) must not contain
 * any of them — while a control value stored in plain text must be found, so the search works.
 */
describeEachDatabase('no plaintext of sensitive fields at rest', (dialect) => {
  let testApp: TestApp;
  const tag = randomBytes(5).toString('hex');
  const markers = {
    displayName: `Nombre Marcador ${tag}`,
    email: `marker-${tag}@example.org`,
    description: `descripcion-marcador-${tag}`,
    locationText: `calle-marcador-${tag}`,
    callbackContact: `+1312${String(parseInt(tag.slice(0, 6), 16) % 10_000_000).padStart(7, '0')}`,
    subscriberPhone: `+1773${String(parseInt(tag.slice(4, 10), 16) % 10_000_000).padStart(7, '0')}`,
  };
  const plainControl = `Red ${tag}`;

  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    const context = testApp.context;
    const network = await buildNetwork(context, { name: plainControl });
    const admin = await buildMember(context, { networkId: network.id, roles: [{ role: 'admin' }] });
    const invitation = await buildInvitation(context, { networkId: network.id, createdBy: admin.id });
    const joined = await testApp.app.inject({
      method: 'POST',
      url: `/api/invitations/${invitation.token}/accept`,
      payload: {
        displayName: markers.displayName,
        email: markers.email,
        password: 'a long enough passphrase',
      },
    });
    expect(joined.statusCode).toBeLessThan(300);
    const reported = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${network.slug}/reports`,
      payload: {
        category: 'workplace',
        zip: '60608',
        locationText: markers.locationText,
        description: markers.description,
        callbackContact: markers.callbackContact,
        contactConsent: true,
      },
    });
    expect(reported.statusCode).toBeLessThan(300);
    const subscribed = await handleSubscriptionSms(
      {
        db: context.database.db,
        dialect: context.database.dialect,
        clock: context.clock,
        crypto: context.crypto,
        events: context.events,
        jobs: context.jobs,
        publicUrl: context.config.publicUrl,
      },
      { networkId: network.id, phoneE164: markers.subscriberPhone, text: 'ALTA 60608', language: 'es' },
    );
    expect(subscribed.handled).toBe(true);
  });
  afterAll(() => testApp.close());

  function rawDatabaseText(): string {
    const target = testApp.database.target;
    if (target.kind === 'sqlite') {
      const files = [target.file, `${target.file}-wal`].filter((file) => fs.existsSync(file));
      return files.map((file) => fs.readFileSync(file).toString('latin1')).join('\n');
    }
    return execFileSync('pg_dump', ['--data-only', '--schema', target.schema ?? 'public', target.url], {
      encoding: 'latin1',
      maxBuffer: 256 * 1024 * 1024,
    });
  }

  it('finds the plain control value but none of the markers', () => {
    const raw = rawDatabaseText();
    expect(raw).toContain(plainControl);
    for (const [field, marker] of Object.entries(markers)) {
      expect(raw.includes(marker), `${field} stored in plain text`).toBe(false);
      expect(raw.includes(marker.replace('+', '')), `${field} digits stored in plain text`).toBe(false);
    }
  });
});
