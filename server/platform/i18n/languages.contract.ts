/** Messages per language, as catalog-loader.ts reads them (kept structural: no Node imports here). */
type Catalogs = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Every language Amparo knows how to run in (docs/adr/0033-languages-from-complete-catalogs.md):
 * its code (the folder under locales/) and the direction of its script. A language is offered to
 * networks, people and the members' app only when its catalog is also present and complete, so a
 * half-translated folder never reaches a frightened reader in two languages at once.
 */
export const registeredLanguages = ['en', 'es', 'ar', 'ht', 'pt', 'vi', 'zh'] as const;
export type RegisteredLanguage = (typeof registeredLanguages)[number];

export function isRegisteredLanguage(value: unknown): value is RegisteredLanguage {
  return typeof value === 'string' && (registeredLanguages as readonly string[]).includes(value);
}

/**
 * The registered languages whose catalog has every key of the reference (English), in the
 * registry's order. English is always first: it is the fallback of every missing message.
 */
export function completeLanguages(catalogs: Catalogs, reference = 'en'): RegisteredLanguage[] {
  const referenceCatalog = catalogs.get(reference);
  if (!referenceCatalog) return [];
  return registeredLanguages.filter((language) => {
    const catalog = catalogs.get(language);
    if (!catalog) return false;
    for (const key of referenceCatalog.keys()) if (!catalog.has(key)) return false;
    return true;
  });
}

/** Registered languages with a catalog folder that still lacks keys: not offered yet. */
export function incompleteLanguages(catalogs: Catalogs): string[] {
  const complete = new Set<string>(completeLanguages(catalogs));
  return [...catalogs.keys()].filter((language) => !complete.has(language));
}
