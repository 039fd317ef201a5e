import { h, render } from 'preact';
import { App } from './app.ts';
import { initialLanguage, setLanguage } from './i18n.ts';

async function start(): Promise<void> {
  await setLanguage(initialLanguage());
  const root = document.getElementById('app');
  if (root) render(h(App, null), root);
}

start().catch((error: unknown) => console.error(error));
