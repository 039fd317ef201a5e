/** What a page can see of its browser: the user agent string, and client hints where offered. */
export interface NavigatorInfo {
  userAgent: string;
  userAgentData?: { brands?: readonly { brand: string }[]; platform?: string } | undefined;
}

/** Client-hint brands, most specific first ("Google Chrome" also lists "Chromium"). */
const brandNames: [string, string][] = [
  ['Microsoft Edge', 'Edge'],
  ['Opera', 'Opera'],
  ['Brave', 'Brave'],
  ['Google Chrome', 'Chrome'],
  ['Chromium', 'Chromium'],
];

/** User agent tokens, most specific first (Edge and Opera also say "Chrome", Chrome says "Safari"). */
const browserTokens: [RegExp, string][] = [
  [/\bEdg(A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bChromium\//, 'Chromium'],
  [/\b(Chrome|CriOS|HeadlessChrome)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const platformTokens: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

const hintPlatforms: Record<string, string> = { 'Chrome OS': 'ChromeOS', 'Chromium OS': 'ChromeOS' };

/**
 * The browser and platform this page runs on, as a member would name them ("Chromium", "Linux"),
 * for a new passkey's suggested name. Null for a part that cannot be told.
 */
export function describeDevice(info: NavigatorInfo): { browser: string | null; platform: string | null } {
  const brands = info.userAgentData?.brands?.map((entry) => entry.brand) ?? [];
  const browser =
    brandNames.find(([brand]) => brands.includes(brand))?.[1] ??
    browserTokens.find(([pattern]) => pattern.test(info.userAgent))?.[1] ??
    null;
  const hinted = info.userAgentData?.platform?.trim();
  const platform = hinted
    ? (hintPlatforms[hinted] ?? hinted)
    : (platformTokens.find(([pattern]) => pattern.test(info.userAgent))?.[1] ?? null);
  return { browser, platform };
}
