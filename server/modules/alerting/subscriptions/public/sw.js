/* global self, fetch, URL */
// Amparo alerts service worker. A push carries only an alert id (no content, no location); the
// worker fetches the published alert from this site and shows it in the subscriber's language.
'use strict';

var language = new URL(self.location.href).searchParams.get('lang') || 'en';
var fallbackTitles = { en: 'New alert', es: 'Nueva alerta', ar: 'تنبيه جديد' };
var rightToLeft = ['ar', 'fa', 'he', 'ur'];

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', function (event) {
  var id;
  try {
    id = event.data ? event.data.json().id : null;
  } catch {
    id = null;
  }
  var scope = self.registration.scope;
  var fallback = {
    title: fallbackTitles[language] || fallbackTitles.en,
    options: { lang: language, data: { url: scope } },
  };
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    event.waitUntil(self.registration.showNotification(fallback.title, fallback.options));
    return;
  }
  var url = '/api/public/alerts/' + encodeURIComponent(id) + '?lang=' + encodeURIComponent(language);
  event.waitUntil(
    fetch(url, { credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) throw new Error('alert not available');
        return response.json();
      })
      .then(function (alert) {
        return self.registration.showNotification(alert.message.headline, {
          body: alert.message.text,
          lang: alert.message.language,
          dir: rightToLeft.indexOf(alert.message.language) >= 0 ? 'rtl' : 'ltr',
          tag: alert.threadId,
          renotify: true,
          requireInteraction: alert.urgency === 'urgent',
          data: { url: sameSiteUrl(alert.url, alert.message.language) },
        });
      })
      .catch(function () {
        return self.registration.showNotification(fallback.title, fallback.options);
      }),
  );
});

// Opens the alert on this site (the page that lists it, at the alert), or focuses a window
// already showing it. Only same-site pages: a notification never sends anyone elsewhere.
self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = sameSiteUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i += 1) {
        if (windows[i].url === target && 'focus' in windows[i]) return windows[i].focus();
      }
      return self.clients.openWindow(target);
    }),
  );
});

/** The alert's page on the site that served this worker, in the subscriber's language. */
function sameSiteUrl(url, language) {
  try {
    var parsed = new URL(url, self.registration.scope);
    if (language) parsed.searchParams.set('lang', language);
    return self.location.origin + parsed.pathname + parsed.search + parsed.hash;
  } catch {
    return self.registration.scope;
  }
}
