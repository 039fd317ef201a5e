import { describe, expect, it } from 'vitest';
import { describeDevice } from './passkey-device.ts';

const agents = {
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

describe("a new passkey's suggested device", () => {
  it('prefers client hints: the most specific brand and the reported platform', () => {
    expect(
      describeDevice({
        userAgent: agents.chromeLinux,
        userAgentData: {
          brands: [{ brand: 'Not A(Brand' }, { brand: 'Chromium' }, { brand: 'Google Chrome' }],
          platform: 'Linux',
        },
      }),
    ).toEqual({ browser: 'Chrome', platform: 'Linux' });
    expect(
      describeDevice({
        userAgent: agents.chromeLinux,
        userAgentData: { brands: [{ brand: 'Chromium' }, { brand: 'Not_A Brand' }], platform: 'Linux' },
      }),
    ).toEqual({ browser: 'Chromium', platform: 'Linux' });
    expect(
      describeDevice({
        userAgent: agents.chromeOs,
        userAgentData: { brands: [{ brand: 'Google Chrome' }], platform: 'Chrome OS' },
      }),
    ).toEqual({ browser: 'Chrome', platform: 'ChromeOS' });
  });

  it('reads the user agent string where there are no client hints', () => {
    const seen = Object.values(agents).map((userAgent) => describeDevice({ userAgent }));
    expect(seen).toEqual([
      { browser: 'Chrome', platform: 'Linux' },
      { browser: 'Edge', platform: 'Windows' },
      { browser: 'Firefox', platform: 'macOS' },
      { browser: 'Safari', platform: 'iPhone' },
      { browser: 'Chrome', platform: 'Android' },
      { browser: 'Chrome', platform: 'ChromeOS' },
    ]);
  });

  it('says nothing it cannot tell', () => {
    expect(describeDevice({ userAgent: 'curl/8.5.0' })).toEqual({ browser: null, platform: null });
    expect(describeDevice({ userAgent: '', userAgentData: { brands: [], platform: '' } })).toEqual({
      browser: null,
      platform: null,
    });
  });
});
