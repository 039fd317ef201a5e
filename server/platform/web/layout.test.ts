import { describe, expect, it } from 'vitest';
import { csrfField, errorSummary, formField } from './form.ts';
import { html } from './html.ts';
import { renderPage, switchUrl } from './layout.ts';
import { publicFaviconUrl, publicStylesheetBytes, publicStylesheetUrl } from './public-assets.ts';

const body = html`<h1>Report</h1>`;

describe('renderPage', () => {
  it('declares language and direction, and right-to-left for Arabic', () => {
    expect(renderPage({ language: 'es', title: 'Reporte', body })).toContain('<html lang="es" dir="ltr">');
    expect(renderPage({ language: 'ar', title: 'بلاغ', body })).toContain('<html lang="ar" dir="rtl">');
  });

  it('links one versioned self-hosted stylesheet and icon, and has no inline style or script', () => {
    const page = renderPage({ language: 'en', title: 'Report', body });
    expect(page).toContain(`<link rel="stylesheet" href="${publicStylesheetUrl}"`);
    expect(page).toContain(`<link rel="icon" href="${publicFaviconUrl}"`);
    expect(page.match(/<link /g)).toHaveLength(2);
    expect(publicFaviconUrl).toMatch(/^\/favicon\.ico\?v=[0-9a-f]{16}$/);
    expect(publicStylesheetUrl).toMatch(/^\/assets\/public\.css\?v=[0-9a-f]{16}$/);
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|https?:\/\//i);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
  });

  it('escapes the title and the site name', () => {
    const page = renderPage({ language: 'en', title: '</title><script>', siteName: '<b>Net</b>', body });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>Net</b>');
  });

  it('offers a language switcher of plain links, each named in its own language', () => {
    const page = renderPage({ language: 'en', title: 'Report', body, languages: ['en', 'es', 'ar'] });
    expect(page).toContain('<a href="?lang=es" lang="es" hreflang="es">Español</a>');
    expect(page).toContain('<a href="?lang=ar" lang="ar" hreflang="ar">العربية</a>');
    expect(page).toContain('aria-current="true">English</a>');
  });

  it('shows only the offered languages and no switcher for a single language', () => {
    expect(renderPage({ language: 'en', title: 'x', body, languages: ['en', 'es'] })).not.toContain(
      'lang=ar',
    );
    expect(renderPage({ language: 'en', title: 'x', body, languages: ['en'] })).not.toContain(
      'class="languages"',
    );
  });

  it('translates the chrome', () => {
    const page = renderPage({ language: 'es', title: 'Reporte', body });
    expect(page).toContain('Saltar al contenido principal');
    expect(page).toContain('<title>Reporte · Amparo</title>');
  });

  it('keeps the page and stylesheet tiny', () => {
    const page = renderPage({ language: 'ar', title: 'بلاغ', body });
    expect(Buffer.byteLength(page)).toBeLessThan(3 * 1024);
    expect(publicStylesheetBytes).toBeLessThan(6 * 1024);
  });
});

describe('switchUrl', () => {
  it('keeps the path and other parameters and replaces lang', () => {
    expect(switchUrl('/r/pilsen?lang=en&step=2', 'es')).toBe('/r/pilsen?lang=es&step=2');
  });

  it('never produces a link to another site', () => {
    for (const hostile of [
      '//evil.example/x',
      '/.//evil.example/x',
      'https://evil.example/x',
      '/\\evil.example',
    ]) {
      const url = switchUrl(hostile, 'es');
      expect(url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')).toBe(true);
    }
  });
});

describe('form helpers', () => {
  it('wires hint and error to the input and escapes the value', () => {
    const field = formField({
      name: 'email',
      label: 'Email',
      type: 'email',
      value: '"><x',
      hint: 'Hint',
      error: 'Bad',
    }).value;
    expect(field).toContain('aria-describedby="field-email-hint field-email-error"');
    expect(field).toContain('aria-invalid="true"');
    expect(field).toContain('value="&quot;&gt;&lt;x"');
  });

  it('summarizes errors in the page language with links to fields', () => {
    const summary = errorSummary('es', { email: 'Falta el correo' }).value;
    expect(summary).toContain('Hay 1 problema en este formulario.');
    expect(summary).toContain('<a href="#field-email">Falta el correo</a>');
    expect(errorSummary('en', {}).value).toBe('');
  });

  it('renders a hidden CSRF field', () => {
    expect(csrfField('a"b').value).toMatch(/^<input type="hidden" name="_csrf" value="a&quot;b"\s*\/?>$/);
  });
});
