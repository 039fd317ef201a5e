import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageCookieName, requestLanguage } from './request-language.ts';

const app = Fastify();

beforeAll(async () => {
  await app.register(fastifyCookie);
  app.get('/page', (request, reply) => ({ language: requestLanguage(request, reply) }));
  app.get('/network-page', (request, reply) => ({ language: requestLanguage(request, reply, ['es', 'en']) }));
  await app.ready();
});
afterAll(() => app.close());

async function languageOf(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers });
  return {
    language: response.json<{ language: string }>().language,
    setCookie: response.headers['set-cookie'],
  };
}

describe('requestLanguage', () => {
  it('uses ?lang= first and remembers it in the amparo_lang cookie', async () => {
    const result = await languageOf('/page?lang=ar', {
      cookie: `${languageCookieName}=es`,
      'accept-language': 'en',
    });
    expect(result.language).toBe('ar');
    expect(String(result.setCookie)).toMatch(
      /^amparo_lang=ar; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
  });

  it('then the cookie, then Accept-Language, and sets no cookie without ?lang=', async () => {
    expect(
      await languageOf('/page', { cookie: `${languageCookieName}=es`, 'accept-language': 'ar' }),
    ).toEqual({
      language: 'es',
      setCookie: undefined,
    });
    expect(await languageOf('/page', { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' })).toEqual({
      language: 'ar',
      setCookie: undefined,
    });
    expect((await languageOf('/page')).language).toBe('en');
  });

  it('ignores unsupported or hostile values and sets no cookie for them', async () => {
    const result = await languageOf('/page?lang=%3Cscript%3E', { cookie: `${languageCookieName}=xx` });
    expect(result).toEqual({ language: 'en', setCookie: undefined });
    const repeated = await languageOf('/page?lang=es&lang=ar');
    expect(repeated).toEqual({ language: 'en', setCookie: undefined });
  });

  it('limits the choice to the languages a network enabled', async () => {
    expect((await languageOf('/network-page?lang=ar')).language).toBe('es');
    expect((await languageOf('/network-page', { 'accept-language': 'fr' })).language).toBe('es');
  });

  it('does not set the cookie again when it already holds the choice', async () => {
    const result = await languageOf('/page?lang=es', { cookie: `${languageCookieName}=es` });
    expect(result).toEqual({ language: 'es', setCookie: undefined });
  });
});
