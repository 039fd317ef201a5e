import { directionOf, supportedLanguages, t } from '../i18n/index.ts';
import { attributes, html } from './html.ts';
import type { SafeHtml } from './html.ts';
import { publicFaviconUrl, publicStylesheetUrl } from './public-assets.ts';

export interface PageOptions {
  language: string;
  /** Already translated; shown as the heading's companion in <title>. */
  title: string;
  body: SafeHtml;
  /** Languages offered by the switcher (a network's enabled ones); all catalogs by default. */
  languages?: readonly string[];
  /** The request URL (path and query), so switcher links keep the other query parameters. */
  currentUrl?: string;
  /** Shown in the header and <title>; the product name by default (a network's name on its pages). */
  siteName?: string;
  /** <meta name="description">, for public pages. */
  description?: string;
  /** Pages with personal or one-time content (setup, join) ask robots to stay away. */
  isPrivate?: boolean;
}

/**
 * A whole HTML document: lang and dir for right-to-left scripts, one self-hosted stylesheet and icon, no
 * inline style or script (the CSP forbids both), and a language switcher made of plain links.
 */
export function renderPage(page: PageOptions): string {
  const { language } = page;
  const siteName = page.siteName ?? t(language, 'common.siteName');
  const document = html`<!doctype html>
    <html lang="${language}" dir="${directionOf(language)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        ${page.isPrivate === false ? '' : html`<meta name="robots" content="noindex, nofollow" /> `}${page.description ? html`<meta name="description" content="${page.description}" /> ` : ''}
        <title>${t(language, 'common.pageTitle', { title: page.title, siteName })}</title>
        <link rel="stylesheet" href="${publicStylesheetUrl}" />
        <link rel="icon" href="${publicFaviconUrl}" />
      </head>
      <body>
        <a class="skip" href="#main">${t(language, 'common.skipToContent')}</a>
        <header class="site"><span class="brand">${siteName}</span>${languageSwitcher(page)}</header>
        <main id="main">${page.body}</main>
        <footer class="site">
          <p>${t(language, 'common.footerAbout')}</p>
          <p>${t(language, 'common.footerPrivacy')}</p>
        </footer>
      </body>
    </html> `;
  return document.value;
}

function languageSwitcher(page: PageOptions): SafeHtml {
  const languages = (page.languages ?? supportedLanguages).filter((language) =>
    supportedLanguages.includes(language),
  );
  if (languages.length < 2) return html``;
  const items = languages.map((language) => {
    const link = attributes({
      href: switchUrl(page.currentUrl, language),
      lang: language,
      hreflang: language,
      'aria-current': language === page.language ? 'true' : undefined,
    });
    return html`<li><a${link}>${t(language, 'common.languageName')}</a></li>`;
  });
  return html`<nav class="languages" aria-label="${t(page.language, 'common.chooseLanguage')}">
    <ul>
      ${items}
    </ul>
  </nav>`;
}

/** `?lang=xx` on the current URL, keeping its other parameters; relative, so it never leaves the site. */
export function switchUrl(currentUrl: string | undefined, language: string): string {
  if (!currentUrl) return `?lang=${encodeURIComponent(language)}`;
  const url = new URL(currentUrl, 'http://placeholder.invalid');
  url.searchParams.set('lang', language);
  // A path such as `/.//host` normalizes to `//host`, which a browser reads as another site.
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}`;
}
