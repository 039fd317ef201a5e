/* global document, navigator, window, Notification, localStorage, fetch, atob, URL */
// Amparo: turns on Web Push for the subscribe page. Self-hosted, no dependencies, no inline script
// (the CSP forbids it). Without JavaScript the page still offers email and SMS subscriptions.
(function () {
  'use strict';
  var form = document.getElementById('push-form');
  if (!form) return;
  var status = form.querySelector('.push-status');
  var stopButton = form.querySelector('.push-stop');
  var storageKey = 'amparo-unsubscribe:' + form.getAttribute('data-scope');

  function say(name) {
    status.textContent = form.getAttribute('data-message-' + name) || '';
  }

  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    var unsupported = document.querySelector('.push-unsupported');
    if (unsupported) unsupported.hidden = false;
    return;
  }
  form.hidden = false;
  if (localStorage.getItem(storageKey)) stopButton.hidden = false;

  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function zipsOf(text) {
    return text.split(/[\s,;]+/).filter(function (zip) {
      return zip.length > 0;
    });
  }

  // Rounded to about 100 m before it leaves the device: the server never learns the exact place.
  function currentPoint() {
    return new Promise(function (resolve, reject) {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          resolve({
            lat: Math.round(position.coords.latitude * 1000) / 1000,
            lon: Math.round(position.coords.longitude * 1000) / 1000,
            radiusMeters: Number(form.querySelector('[name="push-radius"]').value),
          });
        },
        reject,
        { timeout: 15000, maximumAge: 600000 },
      );
    });
  }

  // The worker shows alerts in the language chosen in the form, not the page's: its script URL
  // carries it (?lang=), and a changed URL updates the registration.
  function workerUrl(language) {
    var url = new URL(form.getAttribute('data-worker'), window.location.href);
    url.searchParams.set('lang', language);
    return url.pathname + url.search;
  }

  async function subscribe() {
    var permission = await Notification.requestPermission();
    if (permission !== 'granted') return say('denied');
    var language = form.querySelector('select[name="language"]').value;
    var registration = await navigator.serviceWorker.register(workerUrl(language), {
      scope: form.getAttribute('data-scope'),
    });
    await navigator.serviceWorker.ready;
    var subscription =
      (await registration.pushManager.getSubscription()) ||
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(form.getAttribute('data-vapid-key')),
      }));
    var point = form.querySelector('[name="push-use-location"]').checked ? await currentPoint() : undefined;
    var preference = form.querySelector('input[name="preference"]:checked');
    var response = await fetch(form.getAttribute('data-endpoint'), {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subscription: subscription.toJSON(),
        zips: zipsOf(form.querySelector('[name="push-zips"]').value),
        point: point,
        language: language,
        preference: preference ? preference.value : 'urgent',
      }),
    });
    if (!response.ok) {
      var problem = await response.json().catch(function () {
        return null;
      });
      status.textContent =
        (problem && problem.error && problem.error.message) || form.getAttribute('data-message-failed');
      return;
    }
    var created = await response.json();
    localStorage.setItem(storageKey, created.unsubscribeUrl);
    stopButton.hidden = false;
    say('done');
  }

  async function unsubscribe() {
    var url = localStorage.getItem(storageKey);
    var registration = await navigator.serviceWorker.getRegistration(form.getAttribute('data-scope'));
    var subscription = registration && (await registration.pushManager.getSubscription());
    if (subscription) await subscription.unsubscribe();
    if (url) {
      await fetch(url, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    }
    localStorage.removeItem(storageKey);
    stopButton.hidden = true;
    say('stopped');
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    say('working');
    subscribe().catch(function () {
      say('failed');
    });
  });
  stopButton.addEventListener('click', function () {
    unsubscribe().catch(function () {
      say('failed');
    });
  });
})();
