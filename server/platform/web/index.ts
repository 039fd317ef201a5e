export { attributes, escapeHtml, html, raw, SafeHtml } from './html.ts';
export type { AttributeValue, HtmlValue } from './html.ts';
export { renderPage, switchUrl } from './layout.ts';
export type { PageOptions } from './layout.ts';
export { csrfField, errorSummary, fieldErrors, formField } from './form.ts';
export type { FormFieldOptions } from './form.ts';
export {
  publicFaviconUrl,
  publicStylesheetBytes,
  publicStylesheetUrl,
  registerPublicAssetRoutes,
} from './public-assets.ts';
export { languageCookieName, requestLanguage } from './request-language.ts';
export { sendPage } from './send-page.ts';
