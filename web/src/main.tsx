import { render } from 'preact';
import { App } from './app/app.tsx';
import { initialLanguage, loadLanguages, setLanguage } from './lib/i18n.ts';

async function start(): Promise<void> {
  await loadLanguages();
  await setLanguage(initialLanguage());
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}

start().catch((error: unknown) => console.error(error));
