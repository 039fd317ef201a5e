import { createHash } from 'node:crypto';

/**
 * Optional script of the report form: fills the hidden pin fields from the browser's location when
 * the reporter asks. The form works the same without it (address, intersection or ZIP code). Kept
 * as a string so it needs no build step; served from our origin (the CSP allows no inline script).
 */
export const reportLocationScript = `(function () {
  var button = document.getElementById('use-location');
  var status = document.getElementById('location-status');
  var lat = document.getElementById('field-lat');
  var lon = document.getElementById('field-lon');
  if (!button || !status || !lat || !lon || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lon.value = position.coords.longitude.toFixed(6);
        status.textContent = button.getAttribute('data-added') || '';
        button.disabled = false;
      },
      function () {
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
})();
`;

export const reportLocationScriptVersion = createHash('sha256')
  .update(reportLocationScript)
  .digest('hex')
  .slice(0, 16);
