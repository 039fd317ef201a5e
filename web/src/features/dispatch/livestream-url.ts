/** A host name with a top-level domain (no IP addresses, no `localhost`), as the server checks it. */
const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A livestream link the server accepts: https only, a real host name, no spaces or quotes. */
export function isLivestreamUrl(value: string): boolean {
  if (value.length > 2000 || /[\s<>"']/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && domainPattern.test(url.hostname);
  } catch {
    return false;
  }
}
