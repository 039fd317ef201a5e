import fs from 'node:fs';
import path from 'node:path';
import type { DemoMember, DemoState } from './demo-state.ts';

/** What a later `amparo demo` needs to print the sign-ins again and refresh the demo. */
export interface SavedDemo {
  networkId: string;
  areas: Record<string, string>;
  members: Record<string, DemoMember>;
}

const fileName = 'demo-sign-ins.json';

export function demoFilePath(dataDirectory: string): string {
  return path.join(dataDirectory, fileName);
}

/**
 * Kept beside the demo database (readable by its owner only), so a second `npm run demo` can
 * print the same sign-ins: the authenticator secrets cannot be read back from the database.
 */
export function saveDemo(dataDirectory: string, state: DemoState): void {
  const saved: SavedDemo = { networkId: state.networkId, areas: state.areas, members: state.members };
  fs.mkdirSync(dataDirectory, { recursive: true });
  fs.writeFileSync(demoFilePath(dataDirectory), `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
}

export function loadSavedDemo(dataDirectory: string): SavedDemo | null {
  try {
    const saved = JSON.parse(fs.readFileSync(demoFilePath(dataDirectory), 'utf8')) as SavedDemo;
    return typeof saved.networkId === 'string' && saved.members ? saved : null;
  } catch {
    return null;
  }
}
