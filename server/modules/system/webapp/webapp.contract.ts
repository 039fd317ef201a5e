/** GET /app/settings: what the members' app needs before anyone signs in. */
export interface WebAppSettings {
  /** `{z}/{x}/{y}` tile URL on this origin (the CSP allows no other), or null: a blank map. */
  mapTileUrl: string | null;
}

/** One language the app is offered in (GET /app/languages). */
export interface OfferedLanguage {
  /** The folder under locales/: `en`, `es`, `ht`, ... */
  code: string;
  /** Its own name, as its speakers write it (`common.languageName`): "Kreyòl ayisyen". */
  name: string;
  direction: 'ltr' | 'rtl';
}

/**
 * GET /app/languages: the languages registered with a complete catalog, English first (ADR 0033).
 * The language menu and the network settings offer these and no other.
 */
export interface LanguageList {
  languages: OfferedLanguage[];
}
