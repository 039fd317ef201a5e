import { createMp4Rewriter } from './mp4-metadata.ts';
import type { StreamRewriter } from './stream-rewriter.ts';
import { createWebmRewriter } from './webm-metadata.ts';

/** How each shared copy of a video was made (the custody log and the export manifest say so). */
export const videoSanitizeMethod = 'neutralize-metadata-boxes';

/**
 * The shareable copy of a video, streamed: the same bytes with every metadata box or element
 * (recording place, device make and model, software, dates, titles) overwritten in place, so the
 * frames, their timing and every chunk offset are untouched and the file plays the same. MP4 and
 * QuickTime: `udta`, `meta` and `uuid` boxes become `free` boxes of zeros, and the creation and
 * modification times in `mvhd`, `tkhd` and `mdhd` become zero. WebM: `Tags`, and
 * `DateUTC` and `Title` in `Info`, become `Void` elements; the muxing and writing application
 * names are blanked. A malformed structure is MEDIA_INVALID.
 */
export async function* sanitizeVideo(
  mediaType: string,
  source: AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  const rewriter = rewriterFor(mediaType);
  for await (const chunk of source) {
    if (chunk.length > 0) yield rewriter.push(chunk);
  }
  rewriter.end();
}

function rewriterFor(mediaType: string): StreamRewriter {
  if (mediaType === 'video/mp4') return createMp4Rewriter();
  if (mediaType === 'video/webm') return createWebmRewriter();
  throw new Error(`no video rewriter for ${mediaType}`);
}
