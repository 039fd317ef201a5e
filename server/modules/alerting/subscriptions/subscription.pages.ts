import { t } from '../../../platform/i18n/index.ts';
import { attributes, errorSummary, formField, html, renderPage } from '../../../platform/web/index.ts';
import type { SafeHtml } from '../../../platform/web/index.ts';
import type { Network } from '../../identity/index.ts';
import { summarizeSettings } from './subscription-summary.ts';
import type { SettingsSummary } from './subscription-summary.ts';
import type { ConfirmationPreview } from './web-subscription.service.ts';

export interface SubscribePageInput {
  network: Network;
  language: string;
  currentUrl: string;
  vapidPublicKey: string;
  /** The number to text, when the network's SMS line is configured with a phone number. */
  smsNumber: string | null;
  email?: { values: Record<string, string>; errors: Record<string, string> };
}

const base = (network: Pick<Network, 'slug'>) => `/a/${encodeURIComponent(network.slug)}`;

/**
 * The public subscribe page. Email and SMS work without JavaScript; push needs it, so that form
 * starts hidden and subscribe.js (self-hosted, no inline script) reveals it where push works.
 */
export function subscribePage(input: SubscribePageInput): string {
  const { network, language } = input;
  const m = (key: string, values?: Record<string, string | number>) =>
    t(language, `subscriptions.${key}`, values);
  const email = input.email ?? { values: {}, errors: {} };
  const body = html`<h1>${m('page.title', { network: network.name })}</h1>
    <p>${m('page.intro')}</p>
    <p><a href="${base(network)}">${m('page.liveAlertsLink')}</a></p>
    <section aria-labelledby="sms-heading">
      <h2 id="sms-heading">${m('page.smsHeading')}</h2>
      <p>
        ${
          input.smsNumber
            ? m('page.smsText', {
                keyword: t(language, 'subscriptions.keyword.join'),
                number: input.smsNumber,
              })
            : m('page.smsUnavailable')
        }
      </p>
    </section>
    <section aria-labelledby="push-heading">
      <h2 id="push-heading">${m('page.pushHeading')}</h2>
      <noscript><p>${m('page.pushNeedsScript')}</p></noscript>
      <p class="push-unsupported" hidden>${m('page.pushUnsupported')}</p>
      <form
        id="push-form"
        hidden${attributes({
          'data-vapid-key': input.vapidPublicKey,
          'data-endpoint': `/api/public/${encodeURIComponent(network.slug)}/push-subscriptions`,
          'data-worker': `${base(network)}/sw.js?lang=${encodeURIComponent(language)}`,
          'data-scope': `${base(network)}/`,
          'data-message-working': m('page.pushWorking'),
          'data-message-done': m('page.pushDone'),
          'data-message-denied': m('page.pushDenied'),
          'data-message-failed': m('page.pushFailed'),
          'data-message-stopped': m('page.pushStopped'),
        })}
      >
        ${areaFields(language, 'push', {})} ${placeFields(language)}
        ${languageSelect(network, language, 'push', language)} ${preferenceFields(language, 'push', 'urgent')}
        <p><button type="submit">${m('page.pushSubmit')}</button></p>
        <p><button type="button" class="push-stop" hidden>${m('page.pushStop')}</button></p>
        <p class="push-status" role="status" aria-live="polite"></p>
      </form>
    </section>
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">${m('page.emailHeading')}</h2>
      ${errorSummary(language, email.errors)}
      <form method="post" action="${base(network)}/subscribe/email" novalidate>
        ${formField({
          name: 'email',
          type: 'email',
          label: m('page.emailLabel'),
          value: email.values.email ?? '',
          error: email.errors.email,
          input: { autocomplete: 'email', maxlength: 254 },
        })}
        ${areaFields(language, 'email', email)}
        ${languageSelect(network, language, 'email', email.values.language ?? language)}
        ${preferenceFields(language, 'email', email.values.preference ?? 'urgent')}
        <p><button type="submit">${m('page.emailSubmit')}</button></p>
      </form>
    </section>
    <script src="${base(network)}/subscribe.js" defer></script>`;
  return renderPage({
    language,
    title: m('page.title', { network: network.name }),
    siteName: network.name,
    body,
    languages: network.languages,
    currentUrl: input.currentUrl,
    isPrivate: false,
  });
}

function areaFields(
  language: string,
  form: string,
  state: { values?: Record<string, string>; errors?: Record<string, string> },
): SafeHtml {
  return formField({
    name: form === 'email' ? 'zips' : 'push-zips',
    label: t(language, 'subscriptions.page.zipsLabel'),
    hint: t(language, 'subscriptions.page.zipsHint'),
    value: state.values?.zips ?? '',
    error: state.errors?.zips,
    input: { inputmode: 'numeric', autocomplete: 'postal-code', maxlength: 120 },
  });
}

/** Push only (geolocation needs the script): a point near the device, rounded, with a radius. */
function placeFields(language: string): SafeHtml {
  const kilometers = new Intl.NumberFormat(language, { style: 'unit', unit: 'kilometer' });
  const options = [1000, 2000, 5000].map(
    (meters) =>
      html`<option${attributes({ value: meters, selected: meters === 2000 })}>${kilometers.format(meters / 1000)}</option>`,
  );
  return html`<fieldset id="push-place">
    <legend>${t(language, 'subscriptions.page.placeLegend')}</legend>
    <label
      ><input type="checkbox" name="push-use-location" value="1" />
      ${t(language, 'subscriptions.page.useLocation')}</label
    >
    <div class="field">
      <label for="push-radius">${t(language, 'subscriptions.page.radiusLabel')}</label>
      <select id="push-radius" name="push-radius">
        ${options}
      </select>
    </div>
  </fieldset>`;
}

function languageSelect(network: Network, language: string, form: string, selected: string): SafeHtml {
  const id = `${form}-language`;
  const options = network.languages.map(
    (code) =>
      html`<option${attributes({ value: code, selected: code === selected, lang: code })}>
        ${t(code, 'common.languageName')}
      </option>`,
  );
  return html`<div class="field">
    <label for="${id}">${t(language, 'subscriptions.page.languageLabel')}</label>
    <select id="${id}" name="language">
      ${options}
    </select>
  </div>`;
}

function preferenceFields(language: string, form: string, selected: string): SafeHtml {
  const choice = (value: string, key: string) =>
    html`<label
        ><input${attributes({ type: 'radio', name: 'preference', value, checked: selected === value })} />
        ${t(language, key)}</label
      ><br />`;
  return html`<fieldset id="${form}-preference">
    <legend>${t(language, 'subscriptions.page.preferenceLegend')}</legend>
    ${choice('urgent', 'subscriptions.page.preferenceUrgent')}
    ${choice('all', 'subscriptions.page.preferenceAll')}
  </fieldset>`;
}

/** A one-message page (email sent, confirmed, unsubscribed, or an invalid link). */
export function messagePage(input: {
  network: Network;
  language: string;
  titleKey: string;
  textKey: string;
  action?: { url: string; labelKey: string };
}): string {
  const { network, language } = input;
  const title = t(language, input.titleKey);
  const body = html`<h1>${title}</h1>
    <p>${t(language, input.textKey, { network: network.name })}</p>
    ${
      input.action
        ? html`<form method="post" action="${input.action.url}">
            <p><button type="submit">${t(language, input.action.labelKey)}</button></p>
          </form>`
        : ''
    }
    <p><a href="${base(network)}">${t(language, 'subscriptions.page.liveAlertsLink')}</a></p>`;
  return renderPage({
    language,
    title,
    siteName: network.name,
    body,
    languages: network.languages,
    isPrivate: true,
  });
}

/**
 * The confirmation page says what it confirms (areas, language, which alerts) and, for an address
 * that already gets alerts, what it gets now: confirming is the subscriber's explicit consent to
 * exactly this change (issue 27).
 */
export function confirmationPage(input: {
  network: Network;
  language: string;
  preview: ConfirmationPreview;
  actionUrl: string;
}): string {
  const { network, language, preview } = input;
  const title = t(language, 'subscriptions.page.confirmTitle');
  const list = (summary: SettingsSummary) =>
    html`<ul>
      <li>${t(language, 'subscriptions.summary.areasLine', { areas: summary.areas })}</li>
      <li>${t(language, 'subscriptions.summary.languageLine', { language: summary.language })}</li>
      <li>${t(language, 'subscriptions.summary.kindLine', { kind: summary.kind })}</li>
    </ul>`;
  const after = list(summarizeSettings(language, preview.pending));
  const body = html`<h1>${title}</h1>
    ${
      preview.current
        ? html`<p>${t(language, 'subscriptions.page.confirmChangeText', { network: network.name })}</p>
            <h2>${t(language, 'subscriptions.page.confirmNow')}</h2>
            ${list(summarizeSettings(language, preview.current))}
            <h2>${t(language, 'subscriptions.page.confirmAfter')}</h2>
            ${after}`
        : html`<p>${t(language, 'subscriptions.page.confirmText', { network: network.name })}</p>
            <p>${t(language, 'subscriptions.page.confirmWhat')}</p>
            ${after}`
    }
    <form method="post" action="${input.actionUrl}">
      <p><button type="submit">${t(language, 'subscriptions.page.confirmButton')}</button></p>
    </form>`;
  return renderPage({
    language,
    title,
    siteName: network.name,
    body,
    languages: network.languages,
    isPrivate: true,
  });
}
