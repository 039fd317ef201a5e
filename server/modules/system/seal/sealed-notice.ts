import { publicStylesheetUrl } from '../../../platform/web/index.ts';

/**
 * The page a sealed server shows for every address: it says the server is sealed, in the three
 * languages of the app, and links to the unseal screen. It holds no data because there is none to
 * hold: the keys are still locked.
 */
export function sealedNoticePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Amparo is sealed</title>
<link rel="stylesheet" href="${publicStylesheetUrl}">
</head>
<body>
<main id="sealed-notice">
<h1>This Amparo server is sealed</h1>
<p>It was restarted and is waiting for an administrator to unlock its keys. Nothing can be read or sent until then. Please try again later.</p>
<p lang="es">Este servidor de Amparo está sellado: espera a que una persona administradora desbloquee sus claves. Inténtelo más tarde.</p>
<p lang="ar" dir="rtl">خادم أمبارو هذا مختوم: ينتظر أن يفتح أحد المسؤولين مفاتيحه. حاول مرة أخرى لاحقًا.</p>
<p><a href="/app/">Administrators: unseal</a></p>
</main>
</body>
</html>
`;
}
