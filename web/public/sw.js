/* global self, fetch, URL, caches */
// The members' app service worker (scope /app/). A push carries only a type and an id, never an
// incident's place or details: the worker shows a fixed notice in the member's language, and the
// app fetches the offer when the member opens it (signed in, over the session cookie).
'use strict';

var language = new URL(self.location.href).searchParams.get('lang') || 'en';
var rightToLeft = ['ar', 'fa', 'he', 'ur'];
var fallback = {
  'oncall.push.offerTitle': 'New dispatch offer',
  'oncall.push.offerBody': 'Open Amparo to see it and answer.',
  'oncall.push.testTitle': 'Test page',
  'oncall.push.testBody': 'Dispatch offers reach this phone.',
  'oncall.push.locationTitle': 'Location about to expire',
  'oncall.push.locationBody': 'Open Amparo to share it again.',
  'rota.push.pageTitle': 'New incident',
  'rota.push.pageBody': 'An incident waits for a dispatcher. Open to take it.',
};

// Offline (issue 16, item 4; docs/adr/0029): the app's files and the few answers a responder's
// screen needs are kept, network first, so a reload without a connection still shows the app and
// the current offer. Only these GETs; the copies are deleted at sign-out and quick exit.
var offlineCache = 'amparo-offline-v1';
var shellPath = '/app/';
var offlineAnswers = [
  '/api/auth/session',
  '/api/responders/me',
  '/api/responders/me/offers',
  '/api/evidence/limits',
];

function isKeptFile(path) {
  return (
    path.indexOf('/app/assets/') === 0 ||
    path.indexOf('/app/locales/') === 0 ||
    path.indexOf('/app/icons/') === 0 ||
    path === '/app/manifest.webmanifest'
  );
}

/** The shell and the files it names, so the first offline reload works without a second visit. */
function keepShell() {
  return caches.open(offlineCache).then(function (cache) {
    return fetch(shellPath, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) return undefined;
      return response
        .clone()
        .text()
        .then(function (html) {
          var files = html.match(/\/app\/assets\/[A-Za-z0-9._-]+/g) || [];
          return cache.put(shellPath, response).then(function () {
            return cache.addAll(files);
          });
        });
    });
  });
}

self.addEventListener('install', function (event) {
  self.skipWaiting();
  event.waitUntil(keepShell().catch(function () {}));
});

/** Network first; a copy of each good answer is kept; without a network, the copy. */
function networkFirst(request, key) {
  return fetch(request)
    .then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(offlineCache).then(function (cache) {
          return cache.put(key, copy);
        });
      }
      return response;
    })
    .catch(function (failure) {
      return caches.match(key, { cacheName: offlineCache }).then(function (kept) {
        if (kept) return kept;
        throw failure;
      });
    });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.indexOf('/app/') === 0) {
    event.respondWith(networkFirst(request, shellPath));
  } else if (isKeptFile(url.pathname) || offlineAnswers.indexOf(url.pathname) >= 0) {
    event.respondWith(networkFirst(request, url.pathname + url.search));
  }
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

/** The app's catalog in the member's language (the same one the app uses), or the fallback. */
function loadCatalog() {
  return fetch('/app/locales/' + encodeURIComponent(language), { credentials: 'omit' })
    .then(function (response) {
      return response.ok ? response.json() : {};
    })
    .catch(function () {
      return {};
    });
}

function noticeFor(message) {
  if (message && message.type === 'dispatch.offer' && typeof message.offerId === 'string') {
    return {
      title: 'oncall.push.offerTitle',
      body: 'oncall.push.offerBody',
      tag: message.offerId,
      path: 'responder',
    };
  }
  // A page to an on-duty dispatcher (issue 16): opening it answers the page and claims the incident.
  if (message && message.type === 'paging.page' && /^[0-9a-f-]{36}$/.test(String(message.pageId))) {
    return {
      title: 'rota.push.pageTitle',
      body: 'rota.push.pageBody',
      tag: message.pageId,
      path: 'page/' + message.pageId,
    };
  }
  if (message && message.type === 'responders.testPage') {
    return {
      title: 'oncall.push.testTitle',
      body: 'oncall.push.testBody',
      tag: 'test-page',
      path: 'responder',
    };
  }
  if (message && message.type === 'responders.locationExpiring') {
    return {
      title: 'oncall.push.locationTitle',
      body: 'oncall.push.locationBody',
      tag: 'location-expiring',
      path: 'responder',
    };
  }
  return null;
}

self.addEventListener('push', function (event) {
  var message;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  var notice = noticeFor(message);
  if (!notice) return;
  event.waitUntil(
    loadCatalog().then(function (catalog) {
      return self.registration.showNotification(catalog[notice.title] || fallback[notice.title], {
        body: catalog[notice.body] || fallback[notice.body],
        lang: language,
        dir: rightToLeft.indexOf(language) >= 0 ? 'rtl' : 'ltr',
        tag: notice.tag,
        renotify: true,
        requireInteraction: true,
        data: { url: self.registration.scope + '#/' + notice.path },
      });
    }),
  );
});

// Opens (or focuses) the app on the page that answers the notice; only this site's pages.
self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  var target =
    typeof url === 'string' && url.indexOf(self.registration.scope) === 0 ? url : self.registration.scope;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i += 1) {
        if (windows[i].url.indexOf(self.registration.scope) === 0 && 'focus' in windows[i]) {
          return windows[i].navigate(target).then(function (client) {
            return client ? client.focus() : undefined;
          });
        }
      }
      return self.clients.openWindow(target);
    }),
  );
});
