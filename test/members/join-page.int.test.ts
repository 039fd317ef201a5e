import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';

describeEachDatabase('join page (no JavaScript)', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function invitationLink(networkName = 'Pilsen Rapid Response') {
    const network = await buildNetwork(testApp.context, { name: networkName });
    const admin = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: (await signIn(testApp.context, admin)).headers,
      payload: { roles: [{ role: 'responder' }] },
    });
    return { network, path: new URL(response.json<{ link: string }>().link).pathname };
  }

  /** Opens the page like a browser: keeps the form cookie and reads the hidden CSRF field. */
  async function openForm(path: string) {
    const page = await testApp.app.inject({ method: 'GET', url: path });
    const formCookie = String(page.headers['set-cookie'] ?? '').split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return { page, formCookie, csrf };
  }

  function postForm(path: string, cookie: string, fields: Record<string, string>) {
    return testApp.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  const person = (email = `join-${Math.random().toString(36).slice(2)}@example.test`) => ({
    displayName: 'Ana',
    email,
    password: 'twelve chars or more',
  });

  it('shows an escaped form and joins with a form post, once', async () => {
    const { path } = await invitationLink('<script>alert(1)</script> & friends');
    const { page, formCookie, csrf } = await openForm(path);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('Responder');
    expect(formCookie).toMatch(/^__Host-amparo_form=/);
    expect(String(page.headers['set-cookie'])).toContain('SameSite=Strict');
    expect(csrf.length).toBeGreaterThan(20);

    const joined = await postForm(path, formCookie, { _csrf: csrf, ...person() });
    expect(joined.statusCode).toBe(201);
    expect(joined.body).toContain('passkey');
    const sessionCookie = [joined.headers['set-cookie']]
      .flat()
      .find((value) => value?.startsWith('__Host-amparo_session='));
    expect(sessionCookie).toBeDefined();

    const again = await postForm(path, formCookie, { _csrf: csrf, ...person() });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been used');
    const reopened = await testApp.app.inject({ method: 'GET', url: path });
    expect(reopened.statusCode).toBe(409);
  });

  it('refuses a post without the browser cookie or with another invitation’s token', async () => {
    const first = await invitationLink();
    const second = await invitationLink();
    const { formCookie, csrf } = await openForm(first.path);
    const withoutCookie = await postForm(first.path, '', { _csrf: csrf, ...person() });
    expect(withoutCookie.statusCode).toBe(403);
    const withoutToken = await postForm(first.path, formCookie, person());
    expect(withoutToken.statusCode).toBe(403);
    // The token is bound to the invitation: the first page's token does not work on the second.
    const crossed = await postForm(second.path, formCookie, { _csrf: csrf, ...person() });
    expect(crossed.statusCode).toBe(403);
    const json = await testApp.app.inject({ method: 'POST', url: first.path, payload: person() });
    expect(json.statusCode).toBe(403);
    const count = await testApp.database.db
      .selectFrom('members')
      .select('id')
      .where('network_id', '=', first.network.id)
      .execute();
    expect(count).toHaveLength(1);
  });

  it('re-renders the form with field errors and escaped values, keeping the invitation usable', async () => {
    const { path } = await invitationLink();
    const { formCookie, csrf } = await openForm(path);
    const bad = await postForm(path, formCookie, {
      _csrf: csrf,
      displayName: '"><img src=x onerror=alert(1)>',
      email: 'not-an-email',
      password: 'short',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a valid email address.');
    expect(bad.body).toContain('Use 12 to 256 characters.');
    expect(bad.body).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(bad.body).not.toContain('<img');
    expect(bad.body).not.toContain('short');
    const good = await postForm(path, formCookie, { _csrf: csrf, ...person() });
    expect(good.statusCode).toBe(201);
  });

  it("speaks the reader's language among the network's", async () => {
    const { path } = await invitationLink();
    const spanish = await testApp.app.inject({
      method: 'GET',
      url: path,
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(spanish.body).toContain('<html lang="es"');
    expect(spanish.body).toContain('Únase a Pilsen Rapid Response');
    // Arabic has a catalog, but this network does not offer it: the page falls back to English.
    const arabic = await testApp.app.inject({ method: 'GET', url: `${path}?lang=ar` });
    expect(arabic.body).toContain('<html lang="en"');
  });

  it('explains expired and unknown links with the right status', async () => {
    const { path } = await invitationLink();
    const unknown = await testApp.app.inject({ method: 'GET', url: `/join/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('not valid');
    testApp.clock.advance(169 * 60 * 60 * 1000);
    const expired = await testApp.app.inject({ method: 'GET', url: path });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('expired');
  });
});
