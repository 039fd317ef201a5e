import { useEffect, useState } from 'preact/hooks';

/** Hash routes (`#/incident/<id>`): the server needs no knowledge of the app's pages. */
export function useHashPath(): string[] {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean);
}

export function navigate(path: string): void {
  window.location.hash = path;
}
