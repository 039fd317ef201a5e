/** GET /app/settings: what the members' app needs before anyone signs in. */
export interface WebAppSettings {
  /** `{z}/{x}/{y}` tile URL on this origin (the CSP allows no other), or null: a blank map. */
  mapTileUrl: string | null;
}
