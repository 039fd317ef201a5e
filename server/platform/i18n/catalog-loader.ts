import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Messages of one language: `namespace.key` → ICU MessageFormat string. */
export type Catalog = ReadonlyMap<string, string>;

/** Every language's catalog, keyed by language code (the folder name under locales/). */
export type Catalogs = ReadonlyMap<string, Catalog>;

export const defaultLocalesDirectory = fileURLToPath(new URL('../../../locales/', import.meta.url));

const languageFolderPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const namespacePattern = /^[a-z][a-zA-Z0-9-]*$/;

/**
 * Reads `locales/<language>/<namespace>.json` (flat objects of strings) synchronously. Each module
 * owns its namespace file, so parallel work on different modules never edits the same file.
 */
export function loadCatalogs(directory: string = defaultLocalesDirectory): Catalogs {
  const catalogs = new Map<string, Catalog>();
  for (const language of fs.readdirSync(directory).sort()) {
    const languageDirectory = path.join(directory, language);
    if (!languageFolderPattern.test(language) || !fs.statSync(languageDirectory).isDirectory()) continue;
    const messages = new Map<string, string>();
    for (const file of fs.readdirSync(languageDirectory).sort()) {
      if (!file.endsWith('.json')) continue;
      const namespace = file.slice(0, -'.json'.length);
      if (!namespacePattern.test(namespace)) throw new Error(`Bad catalog file name: ${language}/${file}`);
      const content = readJsonObject(path.join(languageDirectory, file));
      for (const [key, message] of Object.entries(content)) {
        if (typeof message !== 'string') {
          throw new Error(`Catalog ${language}/${file}: "${key}" must be a string`);
        }
        messages.set(`${namespace}.${key}`, message);
      }
    }
    catalogs.set(language, messages);
  }
  return catalogs;
}

function readJsonObject(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Catalog ${file} is not valid JSON`, { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Catalog ${file} must be a flat JSON object of strings`);
  }
  return parsed as Record<string, unknown>;
}
