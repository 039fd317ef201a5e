import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './media-type.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('media type sniffing', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe1], 'xxxxxxxxxxxx'), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'xxxxxxxx'), 'image/png'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['MP4', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0]), 'video/mp4'],
    ['QuickTime-brand MP4', bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0]), 'video/mp4'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3], 'xxxxxxxxxxxx'), 'video/webm'],
  ])('recognises %s by its bytes', (_name, head, mediaType) => {
    expect(sniffMediaType(head)?.mediaType).toBe(mediaType);
  });

  it.each([
    ['GIF', bytes('GIF89a', 'xxxxxxxxxx')],
    ['HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0])],
    ['AVIF', bytes([0, 0, 0, 0x18], 'ftypavif', [0, 0, 0, 0])],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['RIFF that is not WebP (WAV)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['a truncated JPEG signature', bytes([0xff, 0xd8])],
    ['nothing', bytes()],
  ])('refuses %s', (_name, head) => {
    expect(sniffMediaType(head)).toBeNull();
  });
});
